using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Reading;

/// <summary>
/// Corrects the lines of a scan's OCR text that the parser finds its way by, before parsing: the national motto
/// (so that it is not taken for part of the issuer), the type line (KẾ HOẠCH, HƯỚNG DẪN…), a signing form written
/// without its dot ("KT TRƯỞNG PHÒNG") and the purposes in brackets after a Nơi nhận entry ("(b/©)" for "(b/c)").
/// Only near matches of the known words are changed (see <see cref="Fuzzy"/>); each change of a field is reported in
/// the warnings, naming the field.
/// </summary>
internal static partial class OcrTextCorrection
{
    private const string Motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    private const string Slogan = "Độc lập - Tự do - Hạnh phúc";
    private static readonly string[] PurposeCodes = ["b/c", "t/h", "c/đ", "p/h", "t/d", "t/m"];

    public static string Correct(string text, OcrVocabulary vocabulary, List<string> warnings)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = PlanPatterns.ColumnGap().Split(lines[i]);
            var changed = false;
            for (var p = 0; p < parts.Length; p++)
            {
                var corrected = CorrectSegment(parts[p].Trim(), vocabulary, warnings);
                if (corrected is not null)
                {
                    parts[p] = corrected;
                    changed = true;
                }
            }
            if (changed)
            {
                lines[i] = string.Join("    ", parts);
            }
        }
        return string.Join('\n', lines);
    }

    private static string? CorrectSegment(string s, OcrVocabulary vocabulary, List<string> warnings)
    {
        if (s.Length < 2)
        {
            return null;
        }
        var folded = Fold(s);
        if (s != Motto && folded.Length >= 25 && Fuzzy.Distance(folded, Fold(Motto), 6) <= 6)
        {
            return Motto;
        }
        if (s != Slogan && folded.Length >= 18 && Fuzzy.Distance(folded.Replace(" ", "", StringComparison.Ordinal), Fold(Slogan).Replace(" ", "", StringComparison.Ordinal), 5) <= 5)
        {
            return Slogan;
        }
        if (PlanTextParser.IsUpper(s))
        {
            return TypeLine(s, warnings) ?? SignerForm(s, vocabulary, warnings);
        }
        return s.StartsWith('-') ? Purposes(s, warnings) : null;
    }

    // "HƯỚNG DẨN" → "HƯỚNG DẪN": the first two words of a short upper-case line near a type's name.
    private static string? TypeLine(string s, List<string> warnings)
    {
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Length > 8 || PlanPatterns.TypeLine().IsMatch(s))
        {
            return null;
        }
        var head = words[0] + " " + words[1];
        var match = Fuzzy.Nearest(head, OcrVocabulary.DocumentTypes.Values);
        if (match.Exact || match.Value is null || Fuzzy.Distance(head, match.Value) > 2)
        {
            return null;
        }
        warnings.Add($"Loại văn bản đọc bằng OCR “{head}” đã sửa thành “{match.Value}”: cần kiểm tra loại văn bản.");
        return match.Value + (words.Length > 2 ? " " + string.Join(' ', words[2..]) : "");
    }

    // "KT TRƯỞNG PHÒNG", "KT, TRƯỞNG PHÒNG" → "KT. TRƯỞNG PHÒNG", when what follows is a known title or collective.
    private static string? SignerForm(string s, OcrVocabulary vocabulary, List<string> warnings)
    {
        var m = LooseForm().Match(s);
        if (!m.Success || PlanPatterns.SignerForm().IsMatch(s))
        {
            return null;
        }
        var rest = m.Groups["t"].Value.Trim();
        var known = Fuzzy.Nearest(rest, vocabulary.SignerTitles.Concat(vocabulary.Collectives));
        if (!known.Exact && known.Value is null)
        {
            return null;
        }
        var form = m.Groups["f"].Value + ".";
        warnings.Add($"Hình thức ký đọc bằng OCR “{s}” đã sửa thành “{form} {rest}”: cần kiểm tra người ký.");
        return $"{form} {rest}";
    }

    // "- Sở GDĐT (b/©); -" → "- Sở GDĐT (b/c);"
    private static string? Purposes(string s, List<string> warnings)
    {
        var trimmed = StrayDash().Replace(s, "");
        var m = PlanPatterns.TrailingBrackets().Match(trimmed);
        if (!m.Success)
        {
            return trimmed == s ? null : trimmed;
        }
        var codes = m.Groups["p"].Value.Split(',', ';').Select(c => c.Trim()).ToList();
        var fixedCodes = new List<string>();
        var changed = false;
        foreach (var code in codes)
        {
            var key = code.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
            if (PurposeCodes.Contains(key))
            {
                fixedCodes.Add(code);
                continue;
            }
            if (key.Length is < 2 or > 5)
            {
                return trimmed == s ? null : trimmed;
            }
            var near = Fuzzy.Nearest(key, PurposeCodes);
            if (near.Value is null)
            {
                return trimmed == s ? null : trimmed;
            }
            fixedCodes.Add(near.Value);
            changed = true;
        }
        if (!changed)
        {
            return trimmed == s ? null : trimmed;
        }
        var bracket = m.Groups["p"];
        var result = trimmed[..bracket.Index] + string.Join(", ", fixedCodes) + trimmed[(bracket.Index + bracket.Length)..];
        warnings.Add($"Mục đích gửi đọc bằng OCR “({bracket.Value})” đã sửa thành “({string.Join(", ", fixedCodes)})”: cần kiểm tra nơi nhận “{trimmed[..m.Index].Trim(' ', '-')}”.");
        return result;
    }

    /// <summary>Upper case without diacritics (Đ as D): what survives OCR of a letter whose marks were lost.</summary>
    public static string Fold(string s)
    {
        var d = s.ToUpperInvariant().Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                b.Append(c);
            }
        }
        return b.ToString();
    }

    [GeneratedRegex(@"^(?<f>KT|TM|TL|TUQ|Q)\s*[.,:;]?\s+(?<t>\p{Lu}.+)$")]
    private static partial Regex LooseForm();

    [GeneratedRegex(@"(?<=[;.,)])\s*[-–]\s*$")]
    private static partial Regex StrayDash();
}
