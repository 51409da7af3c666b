using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>What the header (issuer, number, place and date) holds.</summary>
internal sealed record PlanHeader(PlanIssuer Issuer, int? Number, string? Symbol, string? SymbolType, string? Place, DateOnly? IssuedOn, string? About, int End);

/// <summary>Reads the header lines above the type line (or at the top when there is no type line).</summary>
internal static class HeaderParser
{
    private static readonly string[] KnownTypes = ["KH", "QĐ", "TB", "HD", "CTr", "BC"];

    public static PlanHeader Parse(IReadOnlyList<SourceLine> lines, int typeIndex)
    {
        var end = typeIndex >= 0 ? typeIndex : FindEndWithoutTypeLine(lines);
        var issuerLines = new List<string>();
        int? number = null;
        string? symbol = null, symbolType = null, place = null, about = null;
        DateOnly? issuedOn = null;

        for (var i = 0; i < end; i++)
        {
            var line = lines[i];
            if (line.IsBlank || line.IsRule)
            {
                continue;
            }
            foreach (var segment in PlanPatterns.ColumnGap().Split(line.Text))
            {
                var s = segment.Trim();
                if (s.Length == 0 || PlanPatterns.RuleLine().IsMatch(s))
                {
                    continue;
                }
                if (PlanPatterns.NumberLine().Match(s) is { Success: true } n)
                {
                    var symbolBody = n.Groups["s"].Value.Replace(" ", string.Empty, StringComparison.Ordinal).Replace('–', '-');
                    symbolType = TypeOf(symbolBody);
                    if (n.Groups["n"].Length > 0)
                    {
                        number = PlanTextParser.ParseInt(n.Groups["n"].Value);
                        symbol = n.Groups["n"].Value + "/" + symbolBody;
                    }
                }
                else if (PlanPatterns.PlaceDate().Match(s) is { Success: true } d)
                {
                    place = d.Groups["place"].Value.Trim();
                    var (day, month, year) = (PlanTextParser.ParseInt(d.Groups["d"].Value), PlanTextParser.ParseInt(d.Groups["m"].Value), PlanTextParser.ParseInt(d.Groups["y"].Value));
                    if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
                    {
                        issuedOn = new DateOnly(year, month, day);
                    }
                }
                else if (PlanPatterns.PlaceOnly().Match(s) is { Success: true } p)
                {
                    place = p.Groups["place"].Value.Trim();
                }
                else if (PlanPatterns.Motto().IsMatch(s))
                {
                    continue;
                }
                else if (PlanPatterns.AboutLine().Match(s) is { Success: true } v)
                {
                    about = v.Groups["s"].Value.Trim();
                }
                else if (PlanTextParser.IsUpper(s) && s.Length <= 80)
                {
                    issuerLines.Add(s);
                }
            }
        }

        return new PlanHeader(ToIssuer(issuerLines), number, symbol, symbolType, place, issuedOn, about, end);
    }

    private static PlanIssuer ToIssuer(List<string> lines)
    {
        // A name wrapped over two lines ("SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO") is one line.
        var merged = new List<string>();
        foreach (var line in lines)
        {
            // "ỦY BAN NHÂN DÂN" / "XÃ ĐỒN ĐẠC" is one name, not a parent and a child.
            var councilOfPlace = merged.Count == 1 && merged[0] is "ỦY BAN NHÂN DÂN" or "UỶ BAN NHÂN DÂN" or "HỘI ĐỒNG NHÂN DÂN"
                && (line.StartsWith("XÃ ", StringComparison.Ordinal) || line.StartsWith("PHƯỜNG ", StringComparison.Ordinal)
                    || line.StartsWith("THỊ TRẤN ", StringComparison.Ordinal) || line.StartsWith("HUYỆN ", StringComparison.Ordinal)
                    || line.StartsWith("TỈNH ", StringComparison.Ordinal) || line.StartsWith("THÀNH PHỐ ", StringComparison.Ordinal)
                    || line.StartsWith("THỊ XÃ ", StringComparison.Ordinal) || line.StartsWith("QUẬN ", StringComparison.Ordinal));
            if (councilOfPlace || (merged.Count > 0 && (merged[^1].EndsWith(" VÀ", StringComparison.Ordinal) || merged[^1].EndsWith('&'))))
            {
                merged[^1] += " " + line;
            }
            else
            {
                merged.Add(line);
            }
        }
        return merged.Count switch
        {
            0 => new PlanIssuer(null, null),
            1 => new PlanIssuer(null, merged[0]),
            _ => new PlanIssuer(merged[0], string.Join(" ", merged.Skip(1))),
        };
    }

    private static string? TypeOf(string symbolBody)
    {
        var first = symbolBody.Split('-')[0];
        foreach (var t in KnownTypes)
        {
            if (string.Equals(first, t, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }
        return symbolBody.Contains('-') ? "CV" : null;
    }

    private static int FindEndWithoutTypeLine(IReadOnlyList<SourceLine> lines)
    {
        var end = 0;
        var limit = Math.Min(lines.Count, 30);
        for (var i = 0; i < limit; i++)
        {
            var t = lines[i].Text;
            if (lines[i].IsBlank)
            {
                continue;
            }
            if (PlanPatterns.BodyOpener().IsMatch(t) && !t.StartsWith("Kính gửi", StringComparison.Ordinal) || PlanPatterns.Heading().IsMatch(t))
            {
                break;
            }
            var headerLike = PlanPatterns.ColumnGap().Split(t).Any(s =>
                PlanPatterns.NumberLine().IsMatch(s.Trim()) || PlanPatterns.PlaceOnly().IsMatch(s.Trim())
                || PlanPatterns.Motto().IsMatch(s.Trim()) || PlanPatterns.AboutLine().IsMatch(s.Trim())
                || PlanTextParser.IsUpper(s));
            if (!headerLike)
            {
                break;
            }
            end = i + 1;
        }
        return end;
    }
}
