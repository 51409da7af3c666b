using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Plans.Documents;

/// <summary>Reads a font's ToUnicode CMap (ISO 32000-1, 9.10.3: <c>bfchar</c> and <c>bfrange</c>) backwards: character → glyph code.</summary>
internal static partial class ToUnicodeMap
{
    /// <summary>Each character (a string of one Unicode scalar) and the hex glyph code that prints it (the first found).</summary>
    public static Dictionary<string, string> Invert(string cmap)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match section in Section().Matches(cmap))
        {
            var body = section.Groups[2].Value;
            var tokens = Hex().Matches(body).Select(m => m.Groups[1].Value).ToList();
            if (section.Groups[1].Value == "bfchar")
            {
                for (var i = 0; i + 1 < tokens.Count; i += 2) Add(map, tokens[i], Decode(tokens[i + 1]));
            }
            else
            {
                for (var i = 0; i + 2 < tokens.Count; i += 3)
                {
                    var low = int.Parse(tokens[i], NumberStyles.HexNumber);
                    var high = int.Parse(tokens[i + 1], NumberStyles.HexNumber);
                    var first = Decode(tokens[i + 2]);
                    if (first.Length == 0) continue;
                    var start = char.ConvertToUtf32(first, 0);
                    for (var code = low; code <= high; code++)
                        Add(map, code.ToString("X4", CultureInfo.InvariantCulture), char.ConvertFromUtf32(start + code - low));
                }
            }
        }
        return map;
    }

    private static void Add(Dictionary<string, string> map, string code, string text)
    {
        if (text.Length == 0) return;
        map.TryAdd(text.Normalize(NormalizationForm.FormC), code.PadLeft(4, '0'));
    }

    private static string Decode(string hex)
    {
        var bytes = Convert.FromHexString(hex.Length % 2 == 0 ? hex : "0" + hex);
        return Encoding.BigEndianUnicode.GetString(bytes);
    }

    [GeneratedRegex(@"begin(bfchar|bfrange)(.*?)end\1", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>")]
    private static partial Regex Hex();
}
