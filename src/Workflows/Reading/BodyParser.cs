using System.Text;
using System.Text.RegularExpressions;
using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>A body paragraph with its structural role.</summary>
internal sealed record BodyParagraph(string Text, int FirstLine, bool IsHeading, bool IsRomanHeading, string? HeadingText);

/// <summary>The body split into paragraphs, footnotes and work programme rows.</summary>
/// <remarks><see cref="Marks"/> are offsets in the paragraphs joined by "\n" (the stored body).</remarks>
internal sealed record PlanBody(IReadOnlyList<BodyParagraph> Paragraphs, IReadOnlyList<PlanFootnote> Footnotes, IReadOnlyList<WorkProgrammeRow> WorkProgramme,
    IReadOnlyList<PlanFootnoteMark> Marks);

/// <summary>
/// Rebuilds paragraphs from broken lines, takes footnotes out of the flow and reads the work programme table.
/// Linear in the number of lines.
/// </summary>
internal static partial class BodyParser
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    public static PlanBody Parse(IReadOnlyList<SourceLine> lines, int start, int end)
    {
        var footnotes = new List<(string Marker, StringBuilder Text, int Line, bool Plain)>();
        var footnoteLines = new HashSet<int>();
        FindFootnotes(lines, start, end, footnotes, footnoteLines);

        var paragraphs = new List<(StringBuilder Text, int FirstLine, string LastFragment)>();
        var programme = new List<WorkProgrammeRow>();
        var inProgramme = false;
        string? period = null;

        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            if (line.IsBlank || line.IsRule || line.IsPageNumber || line.IsSeparator || footnoteLines.Contains(i))
            {
                continue;
            }
            if (line.Text.Contains('\t'))
            {
                var cells = line.Text.Split('\t').Select(c => PlanPatterns.Spaces().Replace(PlanPatterns.Markup().Replace(c, string.Empty), " ").Trim()).ToList();
                if (cells.Any(c => c.StartsWith("Nội dung", StringComparison.OrdinalIgnoreCase)))
                {
                    inProgramme = true;
                    continue;
                }
                if (inProgramme)
                {
                    ReadProgrammeRow(cells, programme, ref period);
                    continue;
                }
                paragraphs.Add((new StringBuilder(string.Join(" | ", cells.Where(c => c.Length > 0))), i, "."));
                continue;
            }

            var fragment = line.Text;
            if (paragraphs.Count > 0 && !StartsParagraph(paragraphs[^1].Text, paragraphs[^1].LastFragment, fragment))
            {
                var p = paragraphs[^1];
                TextJoiner.Append(p.Text, fragment);
                paragraphs[^1] = (p.Text, p.FirstLine, fragment);
            }
            else
            {
                paragraphs.Add((new StringBuilder(fragment), i, fragment));
            }
        }

        // Take footnote markers out of the text, keeping each one's place in the paragraph it stood in.
        var texts = paragraphs.Select(p => p.Text.ToString()).ToList();
        var known = footnotes.Select(f => f.Marker).ToHashSet();
        var marks = new List<(string Marker, int Offset)>[texts.Count];
        for (var p = 0; p < texts.Count; p++)
        {
            marks[p] = [];
            var text = texts[p];
            if (!PlanPatterns.SuperscriptMarker().IsMatch(text))
            {
                continue;
            }
            var stripped = new StringBuilder(text.Length);
            var from = 0;
            foreach (Match m in PlanPatterns.SuperscriptMarker().Matches(text))
            {
                var marker = ToDigits(m.Value);
                if (!known.Contains(marker))
                {
                    continue;
                }
                stripped.Append(text, from, m.Index - from);
                marks[p].Add((marker, stripped.Length));
                from = m.Index + m.Length;
            }
            texts[p] = stripped.Append(text, from, text.Length - from).ToString();
        }
        foreach (var footnote in footnotes.Where(f => f.Plain))
        {
            var last = paragraphs.FindLastIndex(p => p.FirstLine < footnote.Line);
            for (var p = last; p >= 0 && p > last - 40; p--)
            {
                var match = PlainMarker().Matches(texts[p]).LastOrDefault(m => m.Groups["m"].Value == footnote.Marker);
                if (match is not null)
                {
                    texts[p] = texts[p].Remove(match.Index, match.Length);
                    for (var k = 0; k < marks[p].Count; k++)
                    {
                        if (marks[p][k].Offset > match.Index)
                        {
                            marks[p][k] = (marks[p][k].Marker, marks[p][k].Offset - match.Length);
                        }
                    }
                    marks[p].Add((footnote.Marker, match.Index));
                    break;
                }
            }
        }

        var result = new List<BodyParagraph>(texts.Count);
        var bodyMarks = new List<PlanFootnoteMark>();
        var marked = new HashSet<string>();
        var bodyOffset = 0;
        for (var p = 0; p < texts.Count; p++)
        {
            var text = texts[p].Trim();
            var lead = texts[p].Length - texts[p].TrimStart().Length;
            foreach (var (marker, offset) in marks[p].OrderBy(m => m.Offset).Where(m => marked.Add(m.Marker)))
            {
                // A mark stands after the word it explains (never before the paragraph's first letter), once per footnote.
                bodyMarks.Add(new PlanFootnoteMark(marker, bodyOffset + Math.Clamp(offset - lead, 1, Math.Max(1, text.Length))));
            }
            bodyOffset += text.Length + 1;
            var heading = PlanPatterns.Heading().Match(text);
            var isHeading = heading.Success && text.Length <= 200 && !EndsSentence(text);
            result.Add(new BodyParagraph(text, paragraphs[p].FirstLine, isHeading, isHeading && heading.Groups["roman"].Success, isHeading ? heading.Groups["t"].Value.Trim() : null));
        }
        return new PlanBody(result, footnotes.Select(f => new PlanFootnote(f.Marker, f.Text.ToString())).ToList(), programme, bodyMarks);
    }

    private static void FindFootnotes(IReadOnlyList<SourceLine> lines, int start, int end,
        List<(string Marker, StringBuilder Text, int Line, bool Plain)> footnotes, HashSet<int> footnoteLines)
    {
        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            if (line.IsSeparator)
            {
                // PDF extraction: a wide blank line, then "1 text…" lines, each footnote on adjacent lines.
                var j = i + 1;
                while (j < end && PlanPatterns.PlainFootnote().Match(lines[j].Text) is { Success: true } m && !lines[j].Text.Contains('\t'))
                {
                    var text = new StringBuilder(m.Groups["t"].Value);
                    footnotes.Add((m.Groups["m"].Value, text, j, true));
                    footnoteLines.Add(j);
                    j++;
                    while (j < end && !lines[j].IsBlank && !lines[j].LeadingSpace && !lines[j].Text.Contains('\t')
                        && !PlanPatterns.PlainFootnote().IsMatch(lines[j].Text))
                    {
                        TextJoiner.Append(text, lines[j].Text);
                        footnoteLines.Add(j);
                        j++;
                    }
                }
                i = j - 1;
                continue;
            }
            if (PlanPatterns.SuperscriptFootnote().Match(line.Text) is { Success: true } s)
            {
                footnotes.Add((ToDigits(s.Groups["m"].Value), new StringBuilder(s.Groups["t"].Value), i, false));
                footnoteLines.Add(i);
            }
        }

        // A single paragraph sandwiched between two superscript footnotes continues the first one.
        for (var f = 0; f + 1 < footnotes.Count; f++)
        {
            if (footnotes[f].Plain || footnotes[f + 1].Plain)
            {
                continue;
            }
            var between = Enumerable.Range(footnotes[f].Line + 1, footnotes[f + 1].Line - footnotes[f].Line - 1)
                .Where(k => !lines[k].IsBlank).ToList();
            if (between.Count == 1 && lines[between[0]].Text is { Length: > 0 } t && char.IsUpper(t[0])
                && !PlanPatterns.ListMarker().IsMatch(t) && !t.Contains('\t'))
            {
                footnotes[f].Text.Append(' ').Append(t);
                footnoteLines.Add(between[0]);
            }
        }
    }

    private static void ReadProgrammeRow(List<string> cells, List<WorkProgrammeRow> rows, ref string? period)
    {
        var nonEmpty = cells.Where(c => c.Length > 0).ToList();
        if (nonEmpty.Count == 0 || nonEmpty.Any(c => c is "TT" or "STT"))
        {
            return;
        }
        if (nonEmpty.Count == 1 && !char.IsDigit(nonEmpty[0][0]))
        {
            period = nonEmpty[0];
            return;
        }
        var rest = char.IsDigit(nonEmpty[0][0]) && nonEmpty[0].TrimEnd('.').All(char.IsDigit) ? nonEmpty.Skip(1).ToList() : nonEmpty;
        if (rest.Count == 0)
        {
            return;
        }
        rows.Add(new WorkProgrammeRow(period, rest[0], rest.Count > 1 ? rest[1] : null));
    }

    private static bool StartsParagraph(StringBuilder paragraph, string previous, string fragment)
    {
        if (PlanPatterns.ListMarker().IsMatch(fragment))
        {
            return true;
        }
        if (char.IsLower(fragment[0]))
        {
            return false;
        }
        if (previous.Length > 1 && previous[^1] is '-' or '/' && previous[^2] != ' ')
        {
            return false;
        }
        var wrapped = previous.Length is >= 60 and <= 110;
        if (previous[^1] is ';' or ',')
        {
            // An enumeration broken at the page width goes on; a short line ending with ';' ends its paragraph.
            return !wrapped;
        }
        if (EndsSentence(previous))
        {
            return true;
        }
        // A numbered heading ("3. Công tác bồi dưỡng…") followed by a capitalised line ends there.
        if (paragraph.Length <= 120 && PlanPatterns.Heading().IsMatch(paragraph.ToString()))
        {
            return true;
        }
        // A line wrapped by the page width (PDF extraction) continues; a short line ends its paragraph.
        return !wrapped;
    }

    private static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or ';' or ':' or '!' or '?' or '…';

    private static string ToDigits(string superscripts)
    {
        var sb = new StringBuilder(superscripts.Length);
        foreach (var c in superscripts)
        {
            sb.Append((char)('0' + Superscripts.IndexOf(c)));
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"(?<=[\p{L}%)”])(?<m>\d{1,2})(?=[.,;:]|\s|$)")]
    private static partial Regex PlainMarker();
}
