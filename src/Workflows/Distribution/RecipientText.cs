using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Distribution;

/// <summary>
/// Normalises the ways a Nơi nhận line names a body, so that "Sở GD&amp;ĐT", "Sở GDĐT", "So Giao duc va Dao tao"
/// compare equal: NFC, đ→d, diacritics stripped, lower case, purpose brackets dropped, the usual abbreviations
/// folded to one token, punctuation to spaces.
/// </summary>
public static partial class RecipientText
{
    private static readonly (Regex Pattern, string Token)[] Expansions =
    [
        (new Regex(@"\bgiao duc (va|&) dao tao\b", RegexOptions.CultureInvariant), " gddt "),
        (new Regex(@"\bgd\s*(&|-|va)?\s*dt\b", RegexOptions.CultureInvariant), " gddt "),
        (new Regex(@"\buy ban nhan dan\b", RegexOptions.CultureInvariant), " ubnd "),
        (new Regex(@"\bthanh pho\b", RegexOptions.CultureInvariant), " tp "),
        (new Regex(@"\bthong tin dien tu\b", RegexOptions.CultureInvariant), " ttdt "),
        (new Regex(@"\bhoi dong nhan dan\b", RegexOptions.CultureInvariant), " hdnd "),
        (new Regex(@"\blanh dao\b", RegexOptions.CultureInvariant), " ld "),
        (new Regex(@"\bdong chi\b|\bd/c\b", RegexOptions.CultureInvariant), " dc "),
    ];

    /// <summary>The comparable form of a line or a name.</summary>
    public static string Normalise(string text)
    {
        var s = StripBrackets(text).Normalize(NormalizationForm.FormC).Replace('đ', 'd').Replace('Đ', 'D');
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        s = builder.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        s = Whitespace().Replace(s, " ").Trim();
        s = s.TrimStart('-', '–', '+', '*', '•', ' ');
        foreach (var (pattern, token) in Expansions) s = pattern.Replace(s, token);
        s = Punctuation().Replace(s, " ");
        return Whitespace().Replace(s, " ").Trim();
    }

    /// <summary>The line without its purpose brackets, list dash and closing punctuation, for display and aliases.</summary>
    public static string Clean(string text)
    {
        var s = StripBrackets(text.Normalize(NormalizationForm.FormC));
        s = Whitespace().Replace(s, " ").Trim().TrimStart('-', '–', '+', '*', '•', ' ').TrimEnd(';', '.', ',', ' ');
        return s.Trim();
    }

    /// <summary>The purpose codes written in brackets, e.g. "(t/d, t/m)" → ["t/d", "t/m"].</summary>
    public static IReadOnlyList<string> BracketPurposes(string text) =>
        Brackets().Matches(text).SelectMany(m => m.Groups[1].Value.Split(',', ';'))
            .Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    /// <summary>"để báo cáo"… for a purpose code ("b/c") or phrase; null when unknown.</summary>
    public static string? PurposePhrase(string purpose)
    {
        var key = Normalise(purpose).Replace(" ", "");
        return key switch
        {
            "bc" or "baocao" or "debaocao" => "để báo cáo",
            "th" or "thuchien" or "dethuchien" => "để thực hiện",
            "ph" or "phoihop" or "dephoihop" => "để phối hợp",
            "cd" or "chidao" or "dechidao" => "để chỉ đạo",
            "td" or "theodoi" or "detheodoi" => "để theo dõi",
            "tm" or "thammuu" or "dethammuu" => "để tham mưu",
            "biet" or "debiet" => "để biết",
            _ => null,
        };
    }

    /// <summary>True for an archive line ("Lưu: VT, TĐ-TH.").</summary>
    public static bool IsArchive(string text) => Normalise(text) is var n && (n == "luu" || n.StartsWith("luu ", StringComparison.Ordinal));

    private static string StripBrackets(string text) => Brackets().Replace(text, " ");

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^\p{L}\p{Nd} ]+")]
    private static partial Regex Punctuation();
}
