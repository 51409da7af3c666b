using System.Text.RegularExpressions;
using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>Turns raw Nơi nhận entries into recipients with purposes and kinds.</summary>
internal static partial class RecipientClassifier
{
    private static readonly HashSet<string> PurposeCodes = ["b/c", "t/h", "c/đ", "p/h", "t/d", "t/m"];

    public static IReadOnlyList<PlanRecipient> Classify(IReadOnlyList<RecipientEntry> entries, PlanIssuer issuer, string? symbol)
    {
        var own = OwnBodyWord(issuer, symbol);
        var result = new List<PlanRecipient>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.IsArchive)
            {
                result.Add(new PlanRecipient(entry.Text, [], RecipientKind.Archive));
                continue;
            }
            var name = entry.Text.Trim().TrimEnd(';', '.', ',', ':', ' ');
            var purposes = new List<string>();
            if (PlanPatterns.TrailingBrackets().Match(name) is { Success: true } m)
            {
                var codes = m.Groups["p"].Value.Split(',', ';')
                    .Select(c => c.Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("để", string.Empty, StringComparison.Ordinal))
                    .ToList();
                if (codes.Count > 0 && codes.All(PurposeCodes.Contains))
                {
                    purposes.AddRange(codes);
                    name = name[..m.Index].Trim().TrimEnd(';', '.', ',', ':', ' ');
                }
            }
            result.Add(new PlanRecipient(name, purposes, IsInternal(name, own) ? RecipientKind.Internal : RecipientKind.External));
        }
        return result;
    }

    /// <summary>The word the plan uses for its own body: "phòng", "sở" or "ubnd".</summary>
    private static string? OwnBodyWord(PlanIssuer issuer, string? symbol)
    {
        var name = issuer.Name ?? string.Empty;
        var body = symbol is null ? string.Empty : symbol[(symbol.IndexOf('-', StringComparison.Ordinal) + 1)..];
        if (name.StartsWith("PHÒNG", StringComparison.Ordinal) || body.StartsWith("PGD", StringComparison.OrdinalIgnoreCase)) return "phòng";
        if (name.StartsWith("SỞ", StringComparison.Ordinal) || body.StartsWith("SGD", StringComparison.OrdinalIgnoreCase)) return "sở";
        if (name.StartsWith("ỦY BAN", StringComparison.Ordinal) || name.StartsWith("UỶ BAN", StringComparison.Ordinal) || body.StartsWith("UBND", StringComparison.OrdinalIgnoreCase)) return "ubnd";
        return null;
    }

    private static bool IsInternal(string name, string? own)
    {
        if (UnitsOfOwnBody().IsMatch(name) || ChairAndDeputies().IsMatch(name))
        {
            return true;
        }
        var m = LeadershipOf().Match(name);
        if (m.Success)
        {
            var word = m.Groups["b"].Value.ToLowerInvariant();
            return own is null ? word is "phòng" or "sở" or "cơ quan" : word == own || word == "cơ quan" || (own == "ubnd" && word is "ủy ban" or "uỷ ban");
        }
        return false;
    }

    // "Các tổ công tác thuộc Phòng", "Các bộ phận thuộc Phòng", "Các phòng thuộc Sở", "Các bộ phận chuyên môn".
    [GeneratedRegex(@"^(?:các\s+)?(?:bộ phận|tổ công tác|tổ chuyên môn)\b|\bthuộc\s+(?:phòng|sở|cơ quan|ubnd xã)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitsOfOwnBody();

    // "Lãnh đạo Phòng GD&ĐT", "LĐ Phòng", "CM phòng", "Lãnh đạo Sở", "Ban Giám đốc Sở".
    [GeneratedRegex(@"^(?:các\s+)?(?:đ/c\s+|đồng chí\s+)?(?:lãnh đạo|lđ|ban lãnh đạo|ban giám đốc|bgđ|chuyên môn|cm|văn phòng|vp)\s+(?<b>phòng|sở|cơ quan|ubnd|ủy ban|uỷ ban)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadershipOf();

    // "CT, các PCT UBND xã", "Chủ tịch, các Phó Chủ tịch UBND xã".
    [GeneratedRegex(@"^(?:ct|chủ tịch)\s*,\s*(?:các\s+)?(?:pct|phó chủ tịch)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChairAndDeputies();
}
