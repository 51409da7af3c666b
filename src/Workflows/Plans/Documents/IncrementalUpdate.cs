using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Plans.Documents;

/// <summary>
/// Appends new versions of content streams to a PDF as an incremental update (ISO 32000-1, 7.5.6): the objects, a
/// cross-reference section for them and a trailer pointing back (<c>/Prev</c>) to the last one. The bytes before stay
/// as they are, so every signature over them stays valid.
/// </summary>
internal static partial class IncrementalUpdate
{
    /// <summary>The file with each object number of <paramref name="streams"/> redefined as a stream holding its text (Latin-1 bytes).</summary>
    /// <exception cref="InvalidOperationException">The file's last trailer cannot be read (no <c>startxref</c>, <c>/Size</c> or <c>/Root</c>).</exception>
    public static byte[] Append(byte[] pdf, IReadOnlyDictionary<int, string> streams)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 4096), Math.Min(4096, pdf.Length));
        var startxref = StartXref().Matches(tail) is { Count: > 0 } s ? long.Parse(s[^1].Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("Không đọc được phần cuối (startxref) của tệp PDF đã ký.");
        var trailerStart = tail.LastIndexOf("trailer", StringComparison.Ordinal);
        if (trailerStart < 0) throw new InvalidOperationException("Tệp PDF đã ký không có trailer dạng bảng.");
        var trailer = tail[trailerStart..];
        var size = Size().Match(trailer) is { Success: true } sz ? int.Parse(sz.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("Trailer của tệp PDF đã ký thiếu /Size.");
        var root = Root().Match(trailer) is { Success: true } r ? r.Groups[1].Value
            : throw new InvalidOperationException("Trailer của tệp PDF đã ký thiếu /Root.");
        var info = Info().Match(trailer);

        using var output = new MemoryStream();
        output.Write(pdf);
        var offsets = new SortedDictionary<int, long>();
        Write(output, pdf.Length > 0 && pdf[^1] == (byte)'\n' ? "" : "\n");
        foreach (var (number, text) in streams)
        {
            offsets[number] = output.Position;
            var content = Encoding.Latin1.GetBytes(text);
            Write(output, Invariant($"{number} 0 obj\n<< /Length {content.Length} >>\nstream\n"));
            output.Write(content);
            Write(output, "\nendstream\nendobj\n");
        }
        var xref = output.Position;
        var table = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (number, offset) in offsets)
            table.Append(Invariant($"{number} 1\n{offset:D10} 00000 n \n"));
        table.Append(Invariant($"trailer\n<< /Size {Math.Max(size, offsets.Keys.Max() + 1)} /Root {root}"));
        if (info.Success) table.Append(" /Info ").Append(info.Groups[1].Value);
        table.Append(Invariant($" /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n"));
        Write(output, table.ToString());
        return output.ToArray();
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.Latin1.GetBytes(text));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex Root();

    [GeneratedRegex(@"/Info\s+(\d+\s+\d+\s+R)")]
    private static partial Regex Info();
}
