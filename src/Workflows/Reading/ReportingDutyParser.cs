using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>
/// Finds reporting obligations: clauses with "báo cáo", a recipient ("gửi X" or "báo cáo X") and a period or
/// deadline. Frequencies: "hằng tháng" monthly; "quý" or "tháng cuối quý" quarterly (months [3, 6, 9, 12] for
/// "cuối quý"); two dates "15/6 và 15/12" or "6 tháng" half-yearly; one date without year or "hằng năm" yearly;
/// one date with its year and no period word once; "định kỳ" alone unspecified. "Định kì và hằng năm" is
/// yearly without a day. Every duty without a day gets a warning so the drafter completes it.
/// </summary>
internal static class ReportingDutyParser
{
    public static IReadOnlyList<ReportingDuty> Parse(IReadOnlyList<BodyParagraph> paragraphs)
    {
        var duties = new List<ReportingDuty>();
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var paragraph = paragraphs[p];
            if (paragraph.IsHeading || !PlanPatterns.ReportWord().IsMatch(paragraph.Text))
            {
                continue;
            }
            foreach (var rawClause in PlanPatterns.ClauseBreak().Split(paragraph.Text))
            {
                var clause = PlanPatterns.ClauseLead().Replace(rawClause.Trim(), string.Empty);
                if (!PlanPatterns.ReportWord().IsMatch(clause) || !PlanPatterns.TimingCue().IsMatch(clause))
                {
                    continue;
                }
                var recipient = Recipient(clause);
                if (recipient is null)
                {
                    continue;
                }
                duties.Add(Build(clause, recipient, Reporter(paragraphs, p)));
            }
        }
        return duties;
    }

    private static string? Recipient(string clause)
    {
        var m = PlanPatterns.SendTo().Match(clause);
        if (!m.Success)
        {
            m = PlanPatterns.ReportTo().Match(clause);
        }
        if (!m.Success)
        {
            return null;
        }
        var r = m.Groups["r"].Value.Trim().TrimEnd('.', '/', ',', ';', ' ');
        return r.Length == 0 ? null : r;
    }

    private static string? Reporter(IReadOnlyList<BodyParagraph> paragraphs, int index)
    {
        var text = paragraphs[index].Text;
        if (PlanPatterns.ColonSubject().Match(text) is { Success: true } c && !PlanPatterns.ReportWord().IsMatch(c.Groups["s"].Value)
            && c.Groups["s"].Value.Split(' ').Length <= 10)
        {
            return c.Groups["s"].Value.Trim();
        }
        if (PlanPatterns.NumberedSubject().Match(text) is { Success: true } n)
        {
            return n.Groups["s"].Value.Trim();
        }
        for (var p = index - 1; p >= 0; p--)
        {
            if (paragraphs[p].IsHeading)
            {
                if (paragraphs[p].IsRomanHeading)
                {
                    return null;
                }
                var h = paragraphs[p].HeadingText!;
                return h.StartsWith("Đối với ", StringComparison.OrdinalIgnoreCase) ? h[8..].Trim() : h;
            }
        }
        return null;
    }

    private static ReportingDuty Build(string clause, string recipient, string? reporter)
    {
        int? dueDay = null;
        List<int>? months = null;
        int? year = null;

        var ngay = clause.IndexOf("ngày", StringComparison.OrdinalIgnoreCase);
        var dates = ngay < 0 ? [] : PlanPatterns.DayMonth().Matches(clause[ngay..])
            .Where(m => PlanTextParser.ParseInt(m.Groups["d"].Value) is >= 1 and <= 31 && PlanTextParser.ParseInt(m.Groups["m"].Value) is >= 1 and <= 12)
            .ToList();
        if (PlanPatterns.DueDay().Match(clause) is { Success: true } d)
        {
            dueDay = PlanTextParser.ParseInt(d.Groups["d"].Value);
        }
        if (PlanPatterns.MonthList().Match(clause) is { Success: true } ml)
        {
            months = ml.Groups["l"].Value.Split([',', 'v', 'à', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(PlanTextParser.ParseInt).Where(x => x is >= 1 and <= 12).ToList();
        }
        if (PlanPatterns.YearCue().Match(clause) is { Success: true } y)
        {
            year = PlanTextParser.ParseInt(y.Groups["y"].Value);
        }
        var datedYear = dates.FirstOrDefault(m => m.Groups["y"].Success)?.Groups["y"].Value;
        if (datedYear is not null)
        {
            year ??= PlanTextParser.ParseInt(datedYear);
        }
        if (dates.Count > 0)
        {
            dueDay ??= PlanTextParser.ParseInt(dates[0].Groups["d"].Value);
            months ??= dates.Select(m => PlanTextParser.ParseInt(m.Groups["m"].Value)).Distinct().ToList();
        }

        ReportingFrequency frequency;
        if (PlanPatterns.MonthlyCue().IsMatch(clause))
        {
            frequency = ReportingFrequency.Monthly;
            months = null;
        }
        else if (PlanPatterns.QuarterlyCue().IsMatch(clause) || months is { Count: 4 })
        {
            frequency = ReportingFrequency.Quarterly;
            if (months is null && PlanPatterns.QuarterEndCue().IsMatch(clause))
            {
                months = [3, 6, 9, 12];
            }
        }
        else if (PlanPatterns.HalfYearCue().IsMatch(clause) || months is { Count: 2 })
        {
            frequency = ReportingFrequency.HalfYearly;
        }
        else if (PlanPatterns.YearlyCue().IsMatch(clause) || (months is { Count: 1 } && datedYear is null))
        {
            frequency = ReportingFrequency.Yearly;
        }
        else if (months is { Count: 1 } && datedYear is not null)
        {
            frequency = ReportingFrequency.Once;
        }
        else
        {
            frequency = ReportingFrequency.Unspecified;
        }

        return new ReportingDuty(reporter, recipient, frequency, dueDay, months, year, clause);
    }
}
