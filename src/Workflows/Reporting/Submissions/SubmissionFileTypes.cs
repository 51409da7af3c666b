using System.IO.Compression;
using System.Text;

namespace Workflows.Reporting.Submissions;

/// <summary>
/// Decides a submitted file's type from its content, not only its name: PDF starts with <c>%PDF-</c>, ZIP with
/// <c>PK\x03\x04</c>; DOCX and XLSX are ZIP packages holding <c>[Content_Types].xml</c> and <c>word/</c> resp. <c>xl/</c>
/// parts (ECMA-376 Open Packaging Conventions). Programs (MZ, ELF, Mach-O, scripts) are refused whatever their name,
/// and so is any file whose content does not match its extension. A <c>.zip</c> is also looked into (<see cref="ZipInspection"/>).
/// </summary>
public static class SubmissionFileTypes
{
    /// <summary>The extensions a school may send, lower case with the dot.</summary>
    public static readonly IReadOnlyList<string> AllowedExtensions = [".docx", ".xlsx", ".pdf", ".zip"];

    /// <summary>Media type of a Word document.</summary>
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Media type of an Excel workbook.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Media type of a PDF file.</summary>
    public const string Pdf = "application/pdf";

    /// <summary>Media type of a ZIP archive.</summary>
    public const string Zip = "application/zip";

    private static readonly byte[] ZipMagic = [(byte)'P', (byte)'K', 3, 4];
    private static readonly byte[] ElfMagic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    private const string Allowed = "Chỉ nhận tệp .docx, .xlsx, .pdf hoặc .zip.";

    /// <summary>Checks <paramref name="content"/> against the name <paramref name="fileName"/> the school gave it.</summary>
    public static SubmittedFileType Check(string fileName, ReadOnlyMemory<byte> content)
    {
        var name = Path.GetFileName(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var bytes = content.Span;
        if (bytes.Length == 0) return Refuse($"Tệp “{name}” rỗng.");
        if (LooksLikeProgram(bytes))
            return Refuse($"Tệp “{name}” là tệp chương trình hoặc mã lệnh, không phải báo cáo; không được nhận. {Allowed}");
        if (!AllowedExtensions.Contains(extension)) return Refuse($"Tệp “{name}” không đúng loại. {Allowed}");

        var detected = Detect(content);
        if (detected is null)
            return Refuse($"Nội dung tệp “{name}” không phải tệp {extension.TrimStart('.').ToUpperInvariant()} hợp lệ (có thể tệp bị hỏng hoặc đã bị đổi tên).");
        var expected = extension switch { ".pdf" => Pdf, ".zip" => Zip, ".docx" => Docx, _ => Xlsx };
        // A .docx or .xlsx is also a ZIP: a package sent as .zip is fine, a plain ZIP sent as .docx is not.
        if (detected == expected || (expected == Zip && detected is Docx or Xlsx))
            return expected == Zip && ZipInspection.Inspect(name, content) is { } refused ? Refuse(refused) : new SubmittedFileType(expected, null);
        return Refuse($"Tệp “{name}” có đuôi {extension} nhưng nội dung là {Describe(detected)}; vui lòng đặt đúng đuôi tệp.");
    }

    private static SubmittedFileType Refuse(string message) => new(null, message);

    private static string Describe(string mediaType) => mediaType switch
    {
        Pdf => "tệp PDF",
        Docx => "tài liệu Word (.docx)",
        Xlsx => "bảng tính Excel (.xlsx)",
        _ => "tệp nén ZIP",
    };

    /// <summary>The media type the content shows, or null when it is none of the accepted kinds.</summary>
    private static string? Detect(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.StartsWith("%PDF-"u8)) return Pdf;
        if (!bytes.StartsWith(ZipMagic)) return null;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            var names = archive.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml")) return Zip;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Xlsx;
            return Zip;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Windows PE (<c>MZ</c>), ELF, Mach-O, Java class files and text scripts (<c>#!</c>, batch, PowerShell, HTML with script).</summary>
    internal static bool LooksLikeProgram(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("MZ"u8) || bytes.StartsWith(ElfMagic)) return true;
        if (bytes.Length >= 4)
        {
            var magic = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
            if (magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE) return true;
        }
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 256)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        return head.StartsWith("#!", StringComparison.Ordinal)
            || head.StartsWith("@echo", StringComparison.Ordinal)
            || head.StartsWith("<script", StringComparison.Ordinal)
            || head.StartsWith("<html", StringComparison.Ordinal)
            || head.StartsWith("<!doctype html", StringComparison.Ordinal)
            || head.StartsWith("<?php", StringComparison.Ordinal);
    }
}
