using System.IO.Compression;

namespace Workflows.Reporting.Submissions;

/// <summary>
/// Looks inside a <c>.zip</c> a school sends before it is accepted, reading the central directory and the first bytes
/// of each member (never extracting): at most <see cref="MaxMembers"/> members, at most <see cref="MaxTotalBytes"/>
/// uncompressed in all and no more than <see cref="MaxRatio"/> times the archive's size (a "zip bomb"), no archive
/// inside the archive (by name or content; Word and Excel files, which are ZIP packages, are documents and pass), no
/// program or script (by name or content), no member whose path climbs out of its folder. The refusal is one Vietnamese
/// sentence naming the archive and, where there is one, the member.
/// </summary>
public static class ZipInspection
{
    /// <summary>The most members an archive may hold.</summary>
    public const int MaxMembers = 1000;

    /// <summary>The most bytes its members may hold uncompressed, together (200 MB).</summary>
    public const long MaxTotalBytes = 200L * 1024 * 1024;

    /// <summary>The highest ratio of uncompressed to compressed size accepted for the whole archive.</summary>
    public const int MaxRatio = 100;

    private static readonly HashSet<string> ArchiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".cab", ".iso", ".arj", ".lzh", ".z", ".zst",
    };

    private static readonly HashSet<string> ProgramExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".dll", ".com", ".scr", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh",
        ".hta", ".cpl", ".pif", ".lnk", ".jar", ".apk", ".sh", ".bin", ".elf", ".app", ".reg", ".docm", ".xlsm", ".pptm",
    };

    /// <summary>Documents that are ZIP packages themselves (Office Open XML, OpenDocument): not nested archives.</summary>
    private static readonly HashSet<string> PackageDocuments = new(StringComparer.OrdinalIgnoreCase)
    {
        ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp",
    };

    /// <summary>Null when the archive may be accepted, else why not.</summary>
    /// <param name="name">The archive's file name, for the sentence.</param>
    /// <param name="content">The whole archive.</param>
    public static string? Inspect(string name, ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            var entries = archive.Entries;
            if (entries.Count > MaxMembers)
                return $"Tệp nén “{name}” có {entries.Count} tệp bên trong, quá giới hạn {MaxMembers}; hãy chia thành nhiều lần nộp hoặc gộp bớt.";
            var total = entries.Sum(e => e.Length);
            if (total > MaxTotalBytes)
                return $"Tệp nén “{name}” khi giải nén lên tới {Megabytes(total)}, quá giới hạn {Megabytes(MaxTotalBytes)}.";
            if (total > (long)MaxRatio * Math.Max(content.Length, 1))
                return $"Tệp nén “{name}” khi giải nén lớn gấp hơn {MaxRatio} lần tệp gửi lên (dấu hiệu “bom nén”); không được nhận.";
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a folder
                var member = entry.FullName;
                if (member.StartsWith('/') || member.StartsWith('\\') || member.Split('/', '\\').Contains("..") || (member.Length > 1 && member[1] == ':'))
                    return $"Tệp nén “{name}” chứa “{member}” có đường dẫn ra ngoài thư mục giải nén; không được nhận.";
                var extension = Path.GetExtension(member);
                if (ProgramExtensions.Contains(extension))
                    return $"Tệp nén “{name}” chứa “{member}” là tệp chương trình hoặc mã lệnh; không được nhận.";
                if (ArchiveExtensions.Contains(extension))
                    return $"Tệp nén “{name}” chứa một tệp nén khác (“{member}”); hãy gửi các tệp báo cáo trực tiếp trong một tệp nén.";
                var head = Head(entry);
                if (SubmissionFileTypes.LooksLikeProgram(head))
                    return $"Tệp nén “{name}” chứa “{member}” là tệp chương trình hoặc mã lệnh (dù tên là {extension}); không được nhận.";
                if (IsArchive(head) && !PackageDocuments.Contains(extension))
                    return $"Tệp nén “{name}” chứa một tệp nén khác (“{member}”); hãy gửi các tệp báo cáo trực tiếp trong một tệp nén.";
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            return $"Tệp nén “{name}” bị hỏng hoặc được mã hóa nên không đọc được bên trong; hãy nén lại rồi gửi.";
        }
    }

    /// <summary>The first bytes of a member, decompressed (at most 512).</summary>
    private static byte[] Head(ZipArchiveEntry entry)
    {
        using var member = entry.Open();
        var buffer = new byte[512];
        var read = member.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer[..read];
    }

    /// <summary>ZIP, RAR, 7-Zip, gzip, bzip2, xz or zstd by their magic bytes.</summary>
    private static bool IsArchive(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("Rar!"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])
        || head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) || head.StartsWith("BZh"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])
        || head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]);

    private static string Megabytes(long bytes) => $"{Math.Ceiling(bytes / 1024.0 / 1024.0):0} MB";
}
