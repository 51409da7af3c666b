using System.Globalization;
using System.Text;
using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>Parses the normalised, line-oriented text of a plan (from .txt or .docx) into a <see cref="PlanFields"/>.</summary>
internal static class PlanTextParser
{
    private static readonly Dictionary<string, string> TypeByHeading = new(StringComparer.Ordinal)
    {
        ["KẾ HOẠCH"] = "KH",
        ["QUYẾT ĐỊNH"] = "QĐ",
        ["THÔNG BÁO"] = "TB",
        ["HƯỚNG DẪN"] = "HD",
        ["CHƯƠNG TRÌNH"] = "CTr",
        ["BÁO CÁO"] = "BC",
    };

    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KH"] = "Kế hoạch",
        ["QĐ"] = "Quyết định",
        ["TB"] = "Thông báo",
        ["HD"] = "Hướng dẫn",
        ["CTr"] = "Chương trình",
        ["BC"] = "Báo cáo",
        ["CV"] = "Công văn",
    };

    public static PlanFields Parse(string text)
    {
        var lines = SourceLine.Split(text);
        var warnings = new List<string>();

        var typeIndex = FindTypeLine(lines);
        string? documentType = null;
        if (typeIndex >= 0)
        {
            var heading = lines[typeIndex].Text;
            documentType = TypeByHeading.First(kv => heading.StartsWith(kv.Key, StringComparison.Ordinal)).Value;
        }

        var header = HeaderParser.Parse(lines, typeIndex);
        if (header.SymbolType is { } symbolType && documentType is null)
        {
            documentType = symbolType;
        }

        // Subject (trích yếu).
        string? subject = header.About;
        var bodyStart = header.End;
        if (typeIndex >= 0)
        {
            var subjectLines = new List<string>();
            var i = typeIndex + 1;
            for (; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.IsBlank || line.IsRule || line.IsPageNumber)
                {
                    continue;
                }
                if (subjectLines.Count > 0 && (PlanPatterns.BodyOpener().IsMatch(line.Text) || PlanPatterns.Heading().IsMatch(line.Text)))
                {
                    break;
                }
                if (subjectLines.Count == 0 && PlanPatterns.Heading().IsMatch(line.Text))
                {
                    break;
                }
                if (subjectLines.Count >= 8 || line.Text.Contains('\t'))
                {
                    break;
                }
                subjectLines.Add(line.Text);
            }
            bodyStart = i;
            subject = subjectLines.Count == 0 ? null : TextJoiner.JoinInline(subjectLines);
        }

        var footer = FooterParser.Parse(lines, bodyStart);
        var body = BodyParser.Parse(lines, bodyStart, footer.BodyEnd);
        var recipients = RecipientClassifier.Classify(footer.RecipientEntries, header.Issuer, header.Symbol);
        var duties = ReportingDutyParser.Parse(body.Paragraphs);

        // Warnings, in reading order.
        var hasHeader = header.Issuer.Name is not null || header.Symbol is not null || header.IssuedOn is not null || header.Place is not null;
        if (!hasHeader)
        {
            warnings.Add("Không tìm thấy phần đầu văn bản (cơ quan ban hành, số và ký hiệu, địa danh và ngày tháng): cần kiểm tra và bổ sung.");
        }
        else
        {
            if (header.Issuer.Name is null)
            {
                warnings.Add("Không tìm thấy tên cơ quan ban hành.");
            }
            if (header.Symbol is null)
            {
                warnings.Add(header.SymbolType is null ? "Không tìm thấy số, ký hiệu văn bản." : "Văn bản chưa có số (chưa cấp số).");
            }
            if (header.Place is null)
            {
                warnings.Add("Không tìm thấy địa danh.");
            }
            if (header.IssuedOn is null)
            {
                warnings.Add("Không tìm thấy ngày tháng ban hành.");
            }
        }
        if (documentType is null)
        {
            warnings.Add("Không xác định được loại văn bản (Kế hoạch, Quyết định, Thông báo…).");
        }
        if (subject is null)
        {
            warnings.Add("Không tìm thấy trích yếu nội dung.");
        }
        if (!footer.HasRecipientsHeading)
        {
            warnings.Add("Không tìm thấy phần Nơi nhận: cần bổ sung danh sách nơi nhận.");
        }
        if (footer.Signer is null)
        {
            warnings.Add("Không tìm thấy phần chữ ký (chức vụ, họ tên người ký).");
        }
        else if (footer.Signer.Name is null)
        {
            warnings.Add("Không tìm thấy họ tên người ký.");
        }
        foreach (var duty in duties)
        {
            if (duty.DueDay is null)
            {
                warnings.Add($"Nghĩa vụ báo cáo chưa có ngày gửi cụ thể: \"{duty.Text}\". Người soạn cần bổ sung thời hạn.");
            }
        }

        return new PlanFields
        {
            DocumentType = documentType,
            DocumentTypeName = documentType is null ? null : TypeNames[documentType],
            Number = header.Number,
            Symbol = header.Symbol,
            Issuer = header.Issuer,
            Place = header.Place,
            IssuedOn = header.IssuedOn,
            Subject = subject,
            Body = string.Join("\n", body.Paragraphs.Select(p => p.Text)),
            Footnotes = body.Footnotes,
            FootnoteMarks = body.Marks,
            Recipients = recipients,
            Signer = footer.Signer,
            ReportingDuties = duties,
            WorkProgramme = body.WorkProgramme,
            Warnings = warnings,
        };
    }

    private static int FindTypeLine(IReadOnlyList<SourceLine> lines)
    {
        var limit = Math.Min(lines.Count, 80);
        for (var i = 0; i < limit; i++)
        {
            var t = lines[i].Text;
            if (t.StartsWith("Căn cứ", StringComparison.Ordinal))
            {
                return -1;
            }
            if (PlanPatterns.TypeLine().IsMatch(t))
            {
                return i;
            }
        }
        return -1;
    }

    internal static bool IsUpper(string s)
    {
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsLower(c))
                {
                    return false;
                }
            }
        }
        return letters > 1;
    }

    internal static int ParseInt(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>One line of the source text, cleaned, with the layout hints the parser needs.</summary>
internal sealed record SourceLine(string Raw, string Text, bool IsBlank, bool IsSeparator, bool IsRule, bool IsPageNumber, bool LeadingSpace, bool BlankBefore)
{
    public static List<SourceLine> Split(string text)
    {
        var raw = text.Split('\n');
        var list = new List<SourceLine>(raw.Length);
        var blankBefore = true;
        foreach (var r in raw)
        {
            var cleaned = Clean(r);
            var isBlank = cleaned.Trim('\t').Length == 0;
            var isSeparator = isBlank && r.Length >= 10 && !r.Contains('\t');
            list.Add(new SourceLine(
                r,
                cleaned,
                isBlank,
                isSeparator,
                !isBlank && PlanPatterns.RuleLine().IsMatch(cleaned),
                !isBlank && PlanPatterns.PageNumber().IsMatch(cleaned),
                r.Length > 0 && r[0] == ' ',
                blankBefore));
            blankBefore = isBlank;
        }
        return list;
    }

    private static string Clean(string raw)
    {
        var s = raw;
        if (s.Contains("**", StringComparison.Ordinal))
        {
            s = s.Replace("**", string.Empty, StringComparison.Ordinal);
        }
        if (s.Contains('$'))
        {
            s = s.Replace("\\%", "%", StringComparison.Ordinal).Replace("$", string.Empty, StringComparison.Ordinal);
        }
        if (s.Contains('\t'))
        {
            return string.Join('\t', s.Split('\t').Select(c => PlanPatterns.Spaces().Replace(c, " ").Trim()));
        }
        s = s.Trim();
        return s.Contains("  ", StringComparison.Ordinal) ? PlanPatterns.Spaces().Replace(s, " ") : s;
    }
}

/// <summary>Joins broken lines.</summary>
internal static class TextJoiner
{
    public static string JoinInline(IEnumerable<string> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            Append(sb, part);
        }
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, string part)
    {
        if (sb.Length == 0)
        {
            sb.Append(part);
            return;
        }
        var last = sb[^1];
        var beforeLast = sb.Length > 1 ? sb[^2] : ' ';
        if ((last is '-' or '/') && beforeLast != ' ')
        {
            sb.Append(part);
        }
        else
        {
            sb.Append(' ').Append(part);
        }
    }
}
