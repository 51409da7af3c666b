using System.Text.RegularExpressions;

namespace Workflows.Reading;

/// <summary>The precompiled regular expressions of the plan reader.</summary>
internal static partial class PlanPatterns
{
    [GeneratedRegex(@"^(KẾ HOẠCH|QUYẾT ĐỊNH|THÔNG BÁO|HƯỚNG DẪN|CHƯƠNG TRÌNH|BÁO CÁO)(?:\s+[\p{Lu}\s,]*)?$")]
    public static partial Regex TypeLine();

    [GeneratedRegex(@"^Số\s*:?\s*(?<n>\d{0,5})\s*/\s*(?<s>[\p{L}\d&]+(?:\s*[-–]\s*[\p{L}\d&]+)*)", RegexOptions.IgnoreCase)]
    public static partial Regex NumberLine();

    [GeneratedRegex(@"^(?<place>\p{L}[\p{L} .'-]{0,40}?)\s*,\s*ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})", RegexOptions.IgnoreCase)]
    public static partial Regex PlaceDate();

    [GeneratedRegex(@"^(?<place>\p{L}[\p{L} .'-]{0,40}?)\s*,\s*ngày\b", RegexOptions.IgnoreCase)]
    public static partial Regex PlaceOnly();

    [GeneratedRegex(@"^(CỘNG HÒA|CỘNG HOÀ)\b|Độc lập\s*[-–]\s*Tự do", RegexOptions.IgnoreCase)]
    public static partial Regex Motto();

    [GeneratedRegex(@"^V/v\b\s*(?<s>.*)$", RegexOptions.IgnoreCase)]
    public static partial Regex AboutLine();

    [GeneratedRegex(@"^(Căn cứ|Thực hiện|Thi hành|Triển khai|Trên cơ sở|Theo|Để|Nhằm|Kính gửi)\b")]
    public static partial Regex BodyOpener();

    [GeneratedRegex(@"^(?:[-–—+•*]+\s*\S|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s+\S|[IVXLC]{1,6}\.\s+\S|[a-zđ]\)\s+\S)")]
    public static partial Regex ListMarker();

    [GeneratedRegex(@"^(?:(?<roman>[IVXLC]{1,6})|\d{1,2}(?:\.\d{1,2})*)\.\s+(?<t>.+)$")]
    public static partial Regex Heading();

    [GeneratedRegex(@"^Nơi\s+nhận\s*:?\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    public static partial Regex RecipientsHeading();

    [GeneratedRegex(@"^[-–—+•]\s*(?<e>.*)$")]
    public static partial Regex RecipientEntry();

    [GeneratedRegex(@"^Lưu\s*:?\s*(?<e>.*)$", RegexOptions.IgnoreCase)]
    public static partial Regex ArchiveEntry();

    [GeneratedRegex(@"\((?<p>[^()]*)\)\s*[;.,]*\s*$")]
    public static partial Regex TrailingBrackets();

    [GeneratedRegex(@"^(?<f>KT|TM|TL|TUQ|Q)\.\s*(?<t>.+)$")]
    public static partial Regex SignerForm();

    [GeneratedRegex(@"^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5}$")]
    public static partial Regex PersonName();

    [GeneratedRegex(@"^\(?\s*(đã ký|ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu|ký tên, đóng dấu|đã ký và đóng dấu)\s*\)?$", RegexOptions.IgnoreCase)]
    public static partial Regex SignatureNote();

    [GeneratedRegex(@"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*-)?$")]
    public static partial Regex PageNumber();

    [GeneratedRegex(@"^[_\-–=.…]{5,}$")]
    public static partial Regex RuleLine();

    [GeneratedRegex(@"^(?<m>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?<t>\S.*)$")]
    public static partial Regex SuperscriptFootnote();

    [GeneratedRegex(@"^(?<m>\d{1,2})\s+(?<t>\S.*)$")]
    public static partial Regex PlainFootnote();

    [GeneratedRegex(@"(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")]
    public static partial Regex SuperscriptMarker();

    [GeneratedRegex(@"<[^<>]{1,40}>")]
    public static partial Regex Markup();

    [GeneratedRegex(@"\s{2,}")]
    public static partial Regex Spaces();

    [GeneratedRegex(@"\s{3,}|\t")]
    public static partial Regex ColumnGap();

    [GeneratedRegex(@";\s+|(?<=[.!?])\s+(?=[\p{Lu}(\-–])")]
    public static partial Regex ClauseBreak();

    [GeneratedRegex(@"^(?:[-–+•]\s*|\(\d{1,2}\)\s*)+")]
    public static partial Regex ClauseLead();

    [GeneratedRegex(@"báo cáo", RegexOptions.IgnoreCase)]
    public static partial Regex ReportWord();

    [GeneratedRegex(@"h[ằà]ng tháng|mỗi tháng|h[ằà]ng quý|mỗi quý|báo cáo quý|cuối quý|\b(?:6|sáu) tháng|h[ằà]ng năm|mỗi năm|định k[ỳì]|trước ngày|chậm nhất|trước hoặc vào ngày", RegexOptions.IgnoreCase)]
    public static partial Regex TimingCue();

    [GeneratedRegex(@"\bgửi\s+(?:về\s+)?(?!(?:trước|chậm nhất|theo|vào|đúng|qua|báo cáo)\b)(?<r>.+?)(?=\s+(?:theo|trước|chậm nhất|để|qua|vào|trong|bằng|đúng|định k[ỳì]|h[ằà]ng)\b|\s*[.;(]|$)", RegexOptions.IgnoreCase)]
    public static partial Regex SendTo();

    [GeneratedRegex(@"\b(?:báo cáo|về)\s+(?<r>(?:Phòng|Sở|UBND|Ủy ban|Uỷ ban|Bộ|Văn phòng|Thường trực|Huyện ủy|Thành ủy|Tỉnh ủy|Ban)\b.+?)(?=\s+(?:kết quả|về|theo|trước|chậm nhất|để|qua|vào|tình hình|bằng|định k[ỳì]|h[ằà]ng)\b|\s*[.;(]|$)")]
    public static partial Regex ReportTo();

    [GeneratedRegex(@"^(?:[-–+•]\s*|\d{1,2}(?:\.\d{1,2})*\.\s*|[a-zđ]\)\s*)?(?<s>[^:;.()]{3,70}):\s")]
    public static partial Regex ColonSubject();

    [GeneratedRegex(@"^\d{1,2}(?:\.\d{1,2})*\.\s+(?<s>\p{Lu}.{2,80}?)\s+(?=căn cứ|có trách nhiệm|chịu trách nhiệm|chủ động|thực hiện|tổ chức|xây dựng|triển khai|định k[ỳì]|h[ằà]ng|phối hợp|tham mưu|theo|cần|phải)")]
    public static partial Regex NumberedSubject();

    [GeneratedRegex(@"h[ằà]ng tháng|mỗi tháng", RegexOptions.IgnoreCase)]
    public static partial Regex MonthlyCue();

    [GeneratedRegex(@"quý", RegexOptions.IgnoreCase)]
    public static partial Regex QuarterlyCue();

    [GeneratedRegex(@"cuối quý", RegexOptions.IgnoreCase)]
    public static partial Regex QuarterEndCue();

    [GeneratedRegex(@"\b(?:6|sáu) tháng|nửa năm", RegexOptions.IgnoreCase)]
    public static partial Regex HalfYearCue();

    [GeneratedRegex(@"h[ằà]ng năm|mỗi năm|cuối năm", RegexOptions.IgnoreCase)]
    public static partial Regex YearlyCue();

    [GeneratedRegex(@"\b(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>\d{4}))?\b")]
    public static partial Regex DayMonth();

    [GeneratedRegex(@"(?:trước|chậm nhất|vào|hạn)\s+(?:là\s+)?(?:ngày\s+)(?<d>\d{1,2})(?!\s*/|\d)", RegexOptions.IgnoreCase)]
    public static partial Regex DueDay();

    [GeneratedRegex(@"tháng\s+(?<l>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})+)", RegexOptions.IgnoreCase)]
    public static partial Regex MonthList();

    [GeneratedRegex(@"năm\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    public static partial Regex YearCue();

    [GeneratedRegex(@"(?:,\s*|\s+)(?=(?:riêng|đồng thời|và)\s)", RegexOptions.IgnoreCase)]
    public static partial Regex DutyJoin();

    [GeneratedRegex(@"^(?:riêng|đồng thời)\s", RegexOptions.IgnoreCase)]
    public static partial Regex StrongDutyJoin();

    [GeneratedRegex(@"^(?:,\s*)?(?:đồng thời|và)\s+", RegexOptions.IgnoreCase)]
    public static partial Regex DutyJoinLead();

    [GeneratedRegex(@"(?:trước|chậm nhất|vào|hạn)\s+(?:hoặc vào\s+)?(?:là\s+)?(?:ngày\s+)?\d{1,2}\b", RegexOptions.IgnoreCase)]
    public static partial Regex OwnDeadline();

    [GeneratedRegex(@"h[ằà]ng tháng|mỗi tháng|h[ằà]ng quý|mỗi quý|báo cáo quý|cuối quý|\b(?:6|sáu) tháng|h[ằà]ng năm|mỗi năm", RegexOptions.IgnoreCase)]
    public static partial Regex PeriodCue();

    [GeneratedRegex(@"(?:trước|chậm nhất|vào|hạn)\s+(?:hoặc vào\s+)?(?:là\s+)?(?:ngày\s+)?(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    public static partial Regex DeadlineDate();

    [GeneratedRegex(@"báo cáo|gửi|nộp", RegexOptions.IgnoreCase)]
    public static partial Regex DutyVerb();

    [GeneratedRegex(@"h[ằà]ng|mỗi|định k[ỳì]", RegexOptions.IgnoreCase)]
    public static partial Regex RecurringCue();
}
