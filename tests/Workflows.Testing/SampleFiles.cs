using System.IO.Compression;
using System.Text;

namespace Workflows.Testing;

/// <summary>Small files of each kind a school sends, and a few it must not.</summary>
internal static class SampleFiles
{
    public static byte[] Pdf(string text = "Báo cáo") =>
        Encoding.UTF8.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text} {Guid.NewGuid()}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Docx() => Package(("[Content_Types].xml", ContentTypes), ("_rels/.rels", "<Relationships/>"), ("word/document.xml", "<w:document/>"));

    public static byte[] Xlsx() => Package(("[Content_Types].xml", ContentTypes), ("_rels/.rels", "<Relationships/>"), ("xl/workbook.xml", "<workbook/>"));

    public static byte[] Zip() => Package(("bao-cao/so-lieu.csv", "truong,so_hoc_sinh\nA,120\n"), ("bao-cao/ghi-chu.txt", "Số liệu tháng 3"));

    /// <summary>A Windows program (PE header starts with MZ).</summary>
    public static byte[] Executable()
    {
        var bytes = new byte[4096];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[0x3c] = 0x80;
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));
        return bytes;
    }

    public static byte[] Elf() => [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static byte[] Script() => Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /\n");

    private const string ContentTypes = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

    private static byte[] Package(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }
}
