using System.Globalization;

namespace Workflows.Reading.Layout;

/// <summary>Turns Tesseract's TSV into placed words in points: each word takes its OCR line's bottom as its base line
/// and 0.8 × the line's height as its size, so that the words of one line stay on one line.</summary>
internal static class TesseractTsv
{
    public static PlacedPage Parse(string tsv, int dpi)
    {
        var scale = 72.0 / Math.Max(dpi, 50);
        var words = new List<PlacedWord>();
        var lines = new Dictionary<(int, int, int, int), (double Top, double Bottom)>();
        var rows = new List<string[]>();
        double width = 0, height = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            var c = raw.TrimEnd('\r').Split('\t');
            if (c.Length < 11 || !int.TryParse(c[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level))
            {
                continue;
            }
            var (left, top, w, h) = (Num(c[6]), Num(c[7]), Num(c[8]), Num(c[9]));
            switch (level)
            {
                case 1:
                    (width, height) = (w, h);
                    break;
                case 4:
                    lines[(Int(c[1]), Int(c[2]), Int(c[3]), Int(c[4]))] = (top, top + h);
                    break;
                case 5 when c.Length >= 12 && c[11].Trim().Length > 0:
                    rows.Add(c);
                    break;
            }
        }
        foreach (var c in rows)
        {
            var (left, top, w, h) = (Num(c[6]), Num(c[7]), Num(c[8]), Num(c[9]));
            var line = lines.TryGetValue((Int(c[1]), Int(c[2]), Int(c[3]), Int(c[4])), out var l) ? l : (top, top + h);
            var size = Math.Max((line.Item2 - line.Item1) * 0.8, 1);
            words.Add(new PlacedWord(left * scale, (left + w) * scale, line.Item2 * scale, size * scale, c[11].Trim(),
                Confidence: Math.Max(Num(c[10]), 0)));
        }
        return new PlacedPage(width * scale, height * scale, words, []);
    }

    private static double Num(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static int Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
