using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Reading.Layout;

/// <summary>
/// Turns placed words (a PDF's text layer or OCR) into the line-oriented text the plan parser reads, as a .txt of
/// the plan would have it: the two-column header and the Nơi nhận/signature block come out column by column (left
/// first); running headers, footers and page numbers are dropped; body lines are joined into paragraphs (a new one
/// after a wider gap, an indent or a short line), one per line; bordered tables come out one row per line, cells
/// separated by tabs; footnotes (smaller lines at a page's foot starting with a superscript marker) come out as
/// "¹text" lines after the paragraph they interrupt. Linear in the number of words but for sorting.
/// </summary>
internal static partial class PageLayout
{
    public static string ToText(IReadOnlyList<PlacedPage> pages)
    {
        var items = new List<List<Item>>(pages.Count);
        foreach (var page in pages)
        {
            items.Add(PageItems(page));
        }
        DropRunningLines(pages, items);

        var all = items.SelectMany(i => i).Where(i => i.Line is not null).Select(i => i.Line!).ToList();
        if (all.Count == 0)
        {
            return string.Empty;
        }
        var bodySize = all.GroupBy(l => Math.Round(l.Size * 2) / 2).MaxBy(g => g.Sum(l => l.Text.Length))!.Key;

        // Footnotes: smaller lines at a page's foot, the first one starting with a superscript marker.
        var footnotes = new List<List<string>>();
        for (var p = 0; p < items.Count; p++)
        {
            footnotes.Add(TakeFootnotes(items[p], bodySize));
        }

        // Regions: the header (first page, above the type line) and the footer (from "Nơi nhận" on).
        var first = items.FindIndex(i => i.Count > 0);
        var typeIndex = first < 0 ? -1 : items[first].FindIndex(i => i.Line is { } l && PlanPatterns.TypeLine().IsMatch(l.Text));
        (int Page, int Index) footerStart = (-1, -1);
        for (var p = items.Count - 1; p >= 0 && footerStart.Page < 0; p--)
        {
            var k = items[p].FindLastIndex(i => i.Line is { } l && l.Text.StartsWith("Nơi nhận", StringComparison.OrdinalIgnoreCase));
            if (k >= 0)
            {
                footerStart = (p, k);
            }
        }

        var sb = new StringBuilder();
        if (typeIndex > 0)
        {
            AppendColumns(items[first].Take(typeIndex).Where(i => i.Line is not null).SelectMany(i => i.Line!.Words), sb);
            sb.Append('\n');
        }

        var bodyLines = new List<Line>();
        for (var p = 0; p < items.Count; p++)
        {
            for (var k = 0; k < items[p].Count; k++)
            {
                if (IsBody(p, k) && items[p][k].Line is { } l)
                {
                    bodyLines.Add(l);
                }
            }
        }
        var metrics = Metrics.Of(bodyLines, bodySize);

        var paragraph = new StringBuilder();
        Line? previous = null;
        var pending = new List<string>();
        void Flush()
        {
            if (paragraph.Length > 0)
            {
                sb.Append(paragraph).Append("\n\n");
                paragraph.Clear();
            }
            foreach (var f in pending)
            {
                sb.Append(f).Append("\n\n");
            }
            pending.Clear();
        }

        for (var p = 0; p < items.Count; p++)
        {
            for (var k = 0; k < items[p].Count; k++)
            {
                if (!IsBody(p, k))
                {
                    continue;
                }
                var item = items[p][k];
                if (item.Row is { } row)
                {
                    Flush();
                    sb.Append(row).Append('\n');
                    previous = null;
                    continue;
                }
                var line = item.Line!;
                if (previous is null || StartsParagraph(previous, line, metrics))
                {
                    Flush();
                    paragraph.Append(line.Text);
                }
                else
                {
                    Join(paragraph, line.Text);
                }
                previous = line;
            }
            pending.AddRange(footnotes[p]);
            if (paragraph.Length == 0)
            {
                Flush();
            }
        }
        Flush();

        if (footerStart.Page >= 0)
        {
            var words = new List<PlacedWord>();
            var offset = 0.0;
            for (var p = footerStart.Page; p < items.Count; p++)
            {
                var start = p == footerStart.Page ? footerStart.Index : 0;
                foreach (var item in items[p].Skip(start))
                {
                    if (item.Line is { } l)
                    {
                        words.AddRange(l.Words.Select(w => w with { Baseline = w.Baseline + offset }));
                    }
                }
                offset += pages[p].Height;
            }
            AppendColumns(words, sb);
        }
        return sb.ToString();

        bool IsBody(int p, int k) =>
            !(p == first && k < typeIndex)
            && (footerStart.Page < 0 || p < footerStart.Page || (p == footerStart.Page && k < footerStart.Index));
    }

    private static bool StartsParagraph(Line previous, Line line, Metrics m)
    {
        var samePage = ReferenceEquals(previous.Page, line.Page);
        var size = Math.Max(previous.Size, line.Size);
        if (line.Size < previous.Size * 0.9 || line.Size > previous.Size * 1.1)
        {
            return true;
        }
        if (samePage && line.Baseline - previous.Baseline > m.Pitch(size) * 1.3)
        {
            return true;
        }
        if (line.Left > m.Left + 0.8 * size)
        {
            return true;
        }
        // The line's first word would have fitted at the end of the previous line: the break was the writer's.
        var firstWord = line.Words[0].Right - line.Words[0].Left;
        if (previous.Right + 0.3 * size + firstWord < m.Right - 1)
        {
            return true;
        }
        // A sentence ended on a line that stops short, and the next one opens a new item.
        return previous.Right < m.Right - 0.25 * (m.Right - m.Left) && previous.Text[^1] is '.' or ':' or ';' or '!' or '?'
            && (char.IsUpper(line.Text[0]) || char.IsDigit(line.Text[0]) || line.Text[0] is '-' or '–' or '+' or '•');
    }

    private static void Join(StringBuilder paragraph, string text) => paragraph.Append(' ').Append(text);

    /// <summary>Splits the words at the widest vertical gap and writes the left column's lines, then the right's.</summary>
    private static void AppendColumns(IEnumerable<PlacedWord> source, StringBuilder sb)
    {
        var words = source.ToList();
        if (words.Count == 0)
        {
            return;
        }
        var minX = words.Min(w => w.Left);
        var maxX = words.Max(w => w.Right);
        var split = double.NaN;
        var widest = 0.0;
        var reach = double.NegativeInfinity;
        foreach (var w in words.OrderBy(w => w.Left))
        {
            if (reach > double.NegativeInfinity && w.Left - reach > widest
                && (w.Left + reach) / 2 > minX + (maxX - minX) * 0.2 && (w.Left + reach) / 2 < minX + (maxX - minX) * 0.8)
            {
                widest = w.Left - reach;
                split = (w.Left + reach) / 2;
            }
            reach = Math.Max(reach, w.Right);
        }
        if (double.IsNaN(split) || widest < 6)
        {
            foreach (var line in Lines(words))
            {
                sb.Append(line.Text).Append('\n');
            }
            return;
        }
        foreach (var line in Lines(words.Where(w => (w.Left + w.Right) / 2 < split).ToList()))
        {
            sb.Append(line.Text).Append('\n');
        }
        sb.Append('\n');
        foreach (var line in Lines(words.Where(w => (w.Left + w.Right) / 2 >= split).ToList()))
        {
            sb.Append(line.Text).Append('\n');
        }
    }

    private static List<Item> PageItems(PlacedPage page)
    {
        var words = page.Words.Where(w => w.Text.Length > 0).ToList();
        var items = new List<Item>();
        foreach (var table in Tables(page.Rules))
        {
            var inside = words.Where(w => table.Contains(w)).ToList();
            if (inside.Count == 0)
            {
                continue;
            }
            words = words.Except(inside).ToList();
            for (var r = 0; r + 1 < table.Rows.Count; r++)
            {
                var cells = new List<string>();
                for (var c = 0; c + 1 < table.Columns.Count; c++)
                {
                    var cell = inside.Where(w => table.InCell(w, r, c)).ToList();
                    cells.Add(string.Join(" ", Lines(cell).Select(l => l.Text)));
                }
                if (cells.Any(c => c.Length > 0))
                {
                    items.Add(new Item(null, string.Join('\t', cells), table.Rows[r]));
                }
            }
        }
        foreach (var line in Lines(words, page))
        {
            items.Add(new Item(line, null, line.Baseline - line.Size));
        }
        items.Sort((a, b) => a.Top.CompareTo(b.Top));
        return items;
    }

    private static List<Line> Lines(List<PlacedWord> words, PlacedPage? page = null)
    {
        var lines = new List<Line>();
        foreach (var word in words.OrderBy(w => w.Baseline))
        {
            var last = lines.Count == 0 ? null : lines[^1];
            if (last is not null && word.Baseline - last.Baseline <= 0.5 * Math.Max(last.Size, word.Size))
            {
                last.Words.Add(word);
                if (word.Size > last.Size)
                {
                    last.Size = word.Size;
                    last.Baseline = word.Baseline;
                }
                continue;
            }
            lines.Add(new Line(page, word.Baseline, word.Size, [word]));
        }
        foreach (var line in lines)
        {
            line.Words.Sort((a, b) => a.Left.CompareTo(b.Left));
            var sized = line.Words.Where(w => w.Text.Any(char.IsLetter)).ToList();
            line.Size = (sized.Count > 0 ? sized : line.Words).GroupBy(w => Math.Round(w.Size * 2) / 2).MaxBy(g => g.Sum(w => w.Text.Length))!.Key;
            var sb = new StringBuilder();
            foreach (var w in line.Words)
            {
                if (sb.Length > 0 && !w.JoinsPrevious)
                {
                    sb.Append(' ');
                }
                sb.Append(w.Text);
            }
            line.Text = PlanPatterns.Spaces().Replace(sb.ToString(), " ").Trim();
        }
        return lines.Where(l => l.Text.Length > 0).ToList();
    }

    private static List<string> TakeFootnotes(List<Item> items, double bodySize)
    {
        var k = items.Count;
        while (k > 0 && items[k - 1].Line is { } l && l.Size < bodySize * 0.88)
        {
            k--;
        }
        var start = -1;
        for (var i = k; i < items.Count; i++)
        {
            if (IsSuperscript(items[i].Line!.Text[0]))
            {
                start = i;
                break;
            }
        }
        if (start < 0)
        {
            return [];
        }
        var notes = new List<string>();
        foreach (var item in items.Skip(start))
        {
            var text = item.Line!.Text;
            if (IsSuperscript(text[0]) || notes.Count == 0)
            {
                notes.Add(text);
            }
            else
            {
                var sb = new StringBuilder(notes[^1]);
                Join(sb, text);
                notes[^1] = sb.ToString();
            }
        }
        items.RemoveRange(start, items.Count - start);
        return notes;
    }

    private static bool IsSuperscript(char c) => c is '¹' or '²' or '³' or (>= '⁰' and <= '⁹');

    /// <summary>Drops page numbers and lines repeated at the same height on several pages (running headers and footers).</summary>
    private static void DropRunningLines(IReadOnlyList<PlacedPage> pages, List<List<Item>> items)
    {
        var candidates = new List<(int Page, Item Item, string Key)>();
        for (var p = 0; p < items.Count; p++)
        {
            var lines = items[p].Where(i => i.Line is not null).ToList();
            foreach (var item in lines.Take(2).Concat(lines.TakeLast(2)).Distinct())
            {
                candidates.Add((p, item, Digits().Replace(item.Line!.Text, "#")));
            }
        }
        var drop = new HashSet<Item>();
        foreach (var (page, item, key) in candidates)
        {
            var line = item.Line!;
            var margin = pages[page].Height * 0.12;
            var inMargin = line.Baseline < margin || line.Baseline > pages[page].Height - margin;
            if (inMargin && PageNumber().IsMatch(line.Text))
            {
                drop.Add(item);
                continue;
            }
            if (candidates.Any(c => c.Page != page && c.Key == key && Math.Abs(c.Item.Line!.Baseline - line.Baseline) < 4))
            {
                drop.Add(item);
            }
        }
        foreach (var list in items)
        {
            list.RemoveAll(drop.Contains);
        }
    }

    private static IEnumerable<Table> Tables(IReadOnlyList<PlacedRule> rules)
    {
        var verticals = rules.Where(r => r.IsVertical).OrderBy(r => r.Y0).ToList();
        var horizontals = rules.Where(r => r.IsHorizontal).ToList();
        var groups = new List<List<PlacedRule>>();
        foreach (var v in verticals)
        {
            if (groups.Count > 0 && v.Y0 <= groups[^1].Max(g => g.Y1) + 1)
            {
                groups[^1].Add(v);
            }
            else
            {
                groups.Add([v]);
            }
        }
        foreach (var group in groups)
        {
            var columns = Distinct(group.Select(v => (v.X0 + v.X1) / 2));
            if (columns.Count < 2)
            {
                continue;
            }
            var top = group.Min(v => v.Y0);
            var bottom = group.Max(v => v.Y1);
            var width = columns[^1] - columns[0];
            var rows = Distinct(horizontals
                .Where(h => h.Y0 >= top - 2 && h.Y1 <= bottom + 2 && Math.Min(h.X1, columns[^1]) - Math.Max(h.X0, columns[0]) >= width * 0.5)
                .Select(h => (h.Y0 + h.Y1) / 2));
            if (rows.Count < 2)
            {
                rows = [top, bottom];
            }
            yield return new Table(columns, rows);
        }
    }

    private static List<double> Distinct(IEnumerable<double> values)
    {
        var result = new List<double>();
        foreach (var v in values.OrderBy(v => v))
        {
            if (result.Count == 0 || v - result[^1] > 2)
            {
                result.Add(v);
            }
        }
        return result;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^[-–\s]*(?:Trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    private sealed class Line(PlacedPage? page, double baseline, double size, List<PlacedWord> words)
    {
        public PlacedPage? Page { get; } = page;
        public double Baseline { get; set; } = baseline;
        public double Size { get; set; } = size;
        public List<PlacedWord> Words { get; } = words;
        public string Text { get; set; } = string.Empty;
        public double Left => Words[0].Left;
        public double Right => Words[^1].Right;
    }

    private sealed record Item(Line? Line, string? Row, double Top);

    private sealed record Table(List<double> Columns, List<double> Rows)
    {
        private static double Middle(PlacedWord w) => w.Baseline - w.Size * 0.3;

        public bool Contains(PlacedWord w) =>
            (w.Left + w.Right) / 2 > Columns[0] && (w.Left + w.Right) / 2 < Columns[^1] && Middle(w) > Rows[0] && Middle(w) < Rows[^1];

        public bool InCell(PlacedWord w, int row, int column) =>
            (w.Left + w.Right) / 2 > Columns[column] && (w.Left + w.Right) / 2 <= Columns[column + 1]
            && Middle(w) > Rows[row] && Middle(w) <= Rows[row + 1];
    }

    /// <summary>The body's left edge, right edge and line pitch per size.</summary>
    private sealed class Metrics
    {
        private readonly Dictionary<double, double> pitches = [];

        public double Left { get; private init; }

        public double Right { get; private init; }

        public double Pitch(double size) => pitches.TryGetValue(Math.Round(size * 2) / 2, out var p) ? p : size * 1.25;

        public static Metrics Of(List<Line> lines, double bodySize)
        {
            if (lines.Count == 0)
            {
                return new Metrics { Left = 0, Right = 0 };
            }
            var normal = lines.Where(l => Math.Abs(l.Size - bodySize) < 0.5).ToList();
            if (normal.Count == 0)
            {
                normal = lines;
            }
            var lefts = normal.GroupBy(l => Math.Round(l.Left)).Where(g => g.Count() >= 3).Select(g => g.Key).ToList();
            var left = lefts.Count > 0 ? lefts.Min() : normal.Min(l => l.Left);
            var rights = normal.Select(l => l.Right).OrderBy(r => r).ToList();
            var metrics = new Metrics { Left = left, Right = rights[^1] };
            var steps = new List<(double Size, double Step)>();
            for (var i = 1; i < lines.Count; i++)
            {
                if (ReferenceEquals(lines[i].Page, lines[i - 1].Page) && Math.Abs(lines[i].Size - lines[i - 1].Size) < 0.5)
                {
                    steps.Add((Math.Round(lines[i].Size * 2) / 2, Math.Round((lines[i].Baseline - lines[i - 1].Baseline) * 2) / 2));
                }
            }
            foreach (var bySize in steps.GroupBy(s => s.Size))
            {
                var frequent = bySize.GroupBy(s => s.Step).Where(g => g.Count() >= 2 && g.Key > 0).Select(g => g.Key).ToList();
                if (frequent.Count > 0)
                {
                    metrics.pitches[bySize.Key] = frequent.Min();
                }
            }
            return metrics;
        }
    }
}
