using System.Text.RegularExpressions;
using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>
/// Finds reporting obligations: clauses with "báo cáo", a recipient ("gửi X" or "báo cáo X") and a period or
/// deadline. Frequencies: "hằng tháng" monthly; "quý" or "tháng cuối quý" quarterly (months [3, 6, 9, 12] for
/// "cuối quý"); two dates "15/6 và 15/12" or "6 tháng" half-yearly; one date without year or "hằng năm" yearly;
/// one dated deadline with its year and no recurring word ("trước ngày 20/7/2025") once, with that
/// <see cref="ReportingDuty.DueDate"/>; "định kỳ" alone unspecified. A clause joined by "riêng", "đồng thời" or "và"
/// that carries its own deadline is a duty of its own; a duty clause that does not restate its recipient (after ";",
/// or after such a join) sends to the recipient of the duty just before it in the same paragraph. "Định kì và hằng năm" is
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
            var reporter = Reporter(paragraphs, p);
            string? previousRecipient = null;
            foreach (var rawClause in PlanPatterns.ClauseBreak().Split(paragraph.Text))
            {
                var clause = PlanPatterns.ClauseLead().Replace(rawClause.Trim(), string.Empty);
                string? sentenceRecipient = null;
                foreach (var part in SplitDuties(clause))
                {
                    var joined = !ReferenceEquals(part, clause) && sentenceRecipient is not null;
                    if (!joined && (!PlanPatterns.TimingCue().IsMatch(part) || !PlanPatterns.ReportWord().IsMatch(part)))
                    {
                        continue;
                    }
                    var recipient = Recipient(part) ?? (joined ? sentenceRecipient : previousRecipient);
                    if (recipient is null)
                    {
                        continue;
                    }
                    sentenceRecipient = recipient;
                    duties.Add(Build(part, recipient, reporter));
                }
                previousRecipient = sentenceRecipient;
            }
        }
        return duties;
    }

    /// <summary>
    /// Splits a clause at "riêng", "đồng thời" or "và" when both sides carry their own deadline ("trước ngày 25",
    /// "chậm nhất ngày 20/12/2025"); after "riêng" or "đồng thời" a period word ("hằng quý") is deadline enough.
    /// A clause that is not split is returned as the same string instance.
    /// </summary>
    private static IEnumerable<string> SplitDuties(string clause)
    {
        var start = 0;
        foreach (Match join in PlanPatterns.DutyJoin().Matches(clause))
        {
            var left = clause[start..join.Index];
            var right = clause[(join.Index + join.Length)..];
            var strong = PlanPatterns.StrongDutyJoin().IsMatch(right);
            if (HasOwnDeadline(left, strong) && HasOwnDeadline(right, strong) && PlanPatterns.DutyVerb().IsMatch(right))
            {
                yield return Tidy(left);
                start = join.Index + join.Length;
            }
        }
        yield return start == 0 ? clause : Tidy(clause[start..]);
    }

    private static bool HasOwnDeadline(string text, bool strong) =>
        PlanPatterns.OwnDeadline().IsMatch(text) || (strong && PlanPatterns.PeriodCue().IsMatch(text));

    private static string Tidy(string part) =>
        PlanPatterns.DutyJoinLead().Replace(part.Trim(), string.Empty).TrimEnd(',', ' ');

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
        DateOnly? dueDate = null;
        if (OneOffDate(clause) is { } once)
        {
            frequency = ReportingFrequency.Once;
            dueDay = once.Day;
            months = [once.Month];
            year = once.Year;
            dueDate = once;
        }
        else if (PlanPatterns.MonthlyCue().IsMatch(clause))
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

        return new ReportingDuty(reporter, recipient, frequency, dueDay, months, year, clause) { DueDate = dueDate };
    }

    /// <summary>
    /// The date of a one-off deadline: exactly one dated day after "trước/chậm nhất/vào ngày" ("trước ngày
    /// 20/7/2025"), no second date after it and no recurring word ("hằng", "mỗi", "định kỳ"); null otherwise.
    /// </summary>
    private static DateOnly? OneOffDate(string clause)
    {
        if (PlanPatterns.RecurringCue().IsMatch(clause) || PlanPatterns.DeadlineDate().Match(clause) is not { Success: true } m
            || PlanPatterns.DayMonth().Matches(clause[m.Index..]).Count != 1)
        {
            return null;
        }
        var (d, mo, y) = (PlanTextParser.ParseInt(m.Groups["d"].Value), PlanTextParser.ParseInt(m.Groups["m"].Value), PlanTextParser.ParseInt(m.Groups["y"].Value));
        return y is >= 1900 and <= 2200 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }
}
