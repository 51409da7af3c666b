using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflows.UnitTests.Reading;

/// <summary>
/// Converts an extracted plan text into the usual Word layout: header in a two-column table (issuer and number
/// left, motto and date right), one paragraph per line, the work programme as a real table, and Nơi nhận and the
/// signature in a two-column table.
/// </summary>
internal static partial class PlanDocxBuilder
{
    public static byte[] FromText(string text)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var typeIndex = Array.FindIndex(lines, l => TypeLine().IsMatch(l.Trim()));
        var footerIndex = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("Nơi nhận", StringComparison.Ordinal));

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);

            var header = lines[..Math.Max(typeIndex, 0)].Where(l => l.Trim().Length > 0).ToList();
            if (header.Count > 0)
            {
                var right = header.Where(l => Motto().IsMatch(l.Trim()) || l.Contains(", ngày", StringComparison.Ordinal)).ToList();
                var left = header.Except(right).ToList();
                body.Append(TwoColumns(left, right));
            }

            var end = footerIndex >= 0 ? footerIndex : lines.Length;
            var i = Math.Max(typeIndex, 0);
            while (i < end)
            {
                if (lines[i].Contains('\t'))
                {
                    var table = new Table(new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single })));
                    while (i < end && (lines[i].Contains('\t') || lines[i].Trim().Length == 0))
                    {
                        if (lines[i].Contains('\t'))
                        {
                            table.Append(new TableRow(lines[i].Split('\t').Select(c => new TableCell(Para(c)))));
                        }
                        i++;
                    }
                    body.Append(table);
                    continue;
                }
                body.Append(Para(lines[i]));
                i++;
            }

            if (footerIndex >= 0)
            {
                var footer = lines[footerIndex..].Where(l => l.Trim().Length > 0).ToList();
                var left = footer.Where(l => l.TrimStart().StartsWith("Nơi nhận", StringComparison.Ordinal) || l.TrimStart().StartsWith('-')).ToList();
                body.Append(TwoColumns(left, footer.Except(left).ToList()));
            }
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Table TwoColumns(List<string> left, List<string> right) =>
        new(new TableGrid(new GridColumn { Width = "4500" }, new GridColumn { Width = "5500" }),
            new TableRow(
                new TableCell(left.Count == 0 ? [Para(string.Empty)] : left.Select(Para)),
                new TableCell(right.Count == 0 ? [Para(string.Empty)] : right.Select(Para))));

    private static Paragraph Para(string text) =>
        new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    [GeneratedRegex(@"^(KẾ HOẠCH|QUYẾT ĐỊNH|THÔNG BÁO|HƯỚNG DẪN|CHƯƠNG TRÌNH|BÁO CÁO)\b")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(CỘNG HÒA|CỘNG HOÀ)|Độc lập")]
    private static partial Regex Motto();
}
