using System.Globalization;
using System.Text;
using Workflows.Kernel.Plans;
using Workflows.Reading.Layout;

namespace Workflows.Reading;

/// <summary>
/// What OCR may have misread, so that the drafter checks it rather than trusting it: every field that holds a word read
/// with a confidence below <see cref="MinConfidence"/> gets a warning naming the field and the word; an issue date out
/// of 1990–2100, a due day out of 1–31 or a one-off date out of the plan's year − 1 … + 3 is dropped with a warning
/// (a "69 tháng 01" never becomes a date).
/// </summary>
internal static class OcrChecks
{
    /// <summary>Words below this Tesseract confidence (0–100) are doubtful.</summary>
    public const double MinConfidence = 70;

    public static PlanFields Apply(PlanFields fields, IEnumerable<PlacedWord> words)
    {
        var doubtful = words.Where(w => w.Confidence < MinConfidence)
            .Select(w => w.Text.Trim('.', ',', ';', ':', '(', ')', '“', '”', '"').Normalize(NormalizationForm.FormC))
            .Where(t => t.Length >= 2 || (t.Length == 1 && char.IsDigit(t[0])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var warnings = new List<string>(fields.Warnings);

        var issuedOn = fields.IssuedOn;
        if (issuedOn is { Year: < 1990 or > 2100 })
        {
            warnings.Add($"Ngày ban hành đọc bằng OCR không hợp lý ({issuedOn:dd/MM/yyyy}): cần nhập lại.");
            issuedOn = null;
        }
        var duties = new List<ReportingDuty>();
        for (var i = 0; i < fields.ReportingDuties.Count; i++)
        {
            var duty = fields.ReportingDuties[i];
            if (duty.DueDay is { } day && day is < 1 or > 31)
            {
                warnings.Add($"Nghĩa vụ báo cáo {i + 1}: ngày {day} đọc bằng OCR không hợp lý: cần nhập lại.");
                duty = duty with { DueDay = null };
            }
            if (duty.DueDate is { } due && issuedOn is { } on && (due.Year < on.Year - 1 || due.Year > on.Year + 3))
            {
                warnings.Add($"Nghĩa vụ báo cáo {i + 1}: hạn {due:dd/MM/yyyy} đọc bằng OCR không hợp lý: cần nhập lại.");
                duty = duty with { DueDate = null, DueDay = null, Months = null, Year = null };
            }
            duties.Add(duty);
        }

        void Check(string label, params string?[] values)
        {
            var text = string.Join(" ", values.Where(v => v is not null));
            if (text.Length == 0)
            {
                return;
            }
            var tokens = text.Split([' ', '/', ',', ';', '.', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var hit = doubtful.FirstOrDefault(d => tokens.Contains(d) || (d.Length >= 4 && text.Contains(d, StringComparison.Ordinal)));
            if (hit is not null)
            {
                warnings.Add($"Đọc bằng OCR với độ tin cậy thấp ở “{hit}”: cần kiểm tra {label}.");
            }
        }

        Check("cơ quan ban hành", fields.Issuer.Parent, fields.Issuer.Name);
        Check("số, ký hiệu", fields.Symbol);
        Check("địa danh, ngày tháng", fields.Place, DateTokens(issuedOn));
        Check("trích yếu", fields.Subject);
        for (var i = 0; i < fields.Recipients.Count; i++)
        {
            Check($"nơi nhận “{fields.Recipients[i].Name}”", fields.Recipients[i].Name);
        }
        Check("người ký", fields.Signer?.Form, fields.Signer?.OnBehalfOf, fields.Signer?.Title, fields.Signer?.SecondTitle, fields.Signer?.Name);
        for (var i = 0; i < duties.Count; i++)
        {
            Check($"nghĩa vụ báo cáo {i + 1}", duties[i].Text);
        }
        return fields with { IssuedOn = issuedOn, ReportingDuties = duties, Warnings = warnings };
    }

    private static string? DateTokens(DateOnly? date) => date is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{d.Day} {d.Day:00} {d.Month} {d.Month:00} {d.Year}")
        : null;
}
