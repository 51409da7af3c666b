using Workflows.Kernel.Plans;
using static Workflows.UnitTests.Reading.ReadingTestFiles;

namespace Workflows.UnitTests.Reading;

/// <summary>Five sample plans (Reading/Samples) whose one sentence sets two or more reporting duties; the expected
/// values were written down when the plans were written.</summary>
public sealed class MultiDutySamplePlanTests
{
    private static string Row(ReportingDuty d) =>
        $"{d.Reporter} | {d.Recipient} | {d.Frequency} | {d.DueDay} | {(d.Months is null ? "-" : string.Join(",", d.Months))} | {d.DueDate:yyyy-MM-dd}";

    [Fact]
    public void Monthly_and_quarterly_health_reports_joined_by_a_semicolon_are_two_duties()
    {
        var r = ReadSample("uongbi-2025-18-KH-PGDDT-hai-nghia-vu-cham-phay.txt");
        Assert.Equal(("18/KH-PGDĐT", "Uông Bí", new DateOnly(2025, 1, 14)), (r.Symbol, r.Place, r.IssuedOn));
        Assert.Equal(new PlanIssuer("UBND THÀNH PHỐ UÔNG BÍ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal("Triển khai công tác y tế trường học năm 2025", r.Subject);
        Assert.Equal(
            ["Các trường học trực thuộc | Phòng GDĐT | Monthly | 25 | - | ", "Các trường học trực thuộc | Phòng GDĐT | Quarterly | 20 | 3,6,9,12 | "],
            r.ReportingDuties.Select(Row));
        Recipients(r,
            ("Sở GDĐT", "b/c", RecipientKind.External),
            ("Lãnh đạo Phòng", "", RecipientKind.Internal),
            ("Các trường học trực thuộc", "t/h", RecipientKind.External),
            ("VT", "", RecipientKind.Archive),
            ("CM", "", RecipientKind.Archive));
        Assert.Equal(new PlanSigner(null, null, "TRƯỞNG PHÒNG", null, "Trần Nam Hải"), r.Signer);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Monthly_figures_and_a_half_yearly_report_after_rieng_go_to_their_own_recipients()
    {
        var r = ReadSample("bache-2025-07-KH-PGDDT-rieng-sau-thang.txt");
        Assert.Equal(("07/KH-PGDĐT", "Ba Chẽ", new DateOnly(2025, 2, 20)), (r.Symbol, r.Place, r.IssuedOn));
        Assert.Equal(
            ["Các trường TH và THCS | Phòng GD&ĐT | Monthly | 18 | - | ", "Các trường TH và THCS | UBND huyện | HalfYearly | 10 | 6,12 | "],
            r.ReportingDuties.Select(Row));
        Assert.Equal(new PlanSigner("KT.", null, "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Thị Hạnh"), r.Signer);
        Assert.Equal(3, r.Recipients.Count);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Quarterly_report_and_a_yearly_evaluation_after_dong_thoi_are_two_duties()
    {
        var r = ReadSample("sogddt-2025-11-KH-SGDDT-dong-thoi-nam.txt");
        Assert.Equal(new PlanIssuer("UBND TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal(("11/KH-SGDĐT", "Hạ Long", new DateOnly(2025, 3, 3)), (r.Symbol, r.Place, r.IssuedOn));
        Assert.Equal(
            ["Các trường THPT | Sở GDĐT | Quarterly | 5 | 3,6,9,12 | ", "Các trường THPT | Sở GDĐT | Yearly | 15 | 12 | "],
            r.ReportingDuties.Select(Row));
        Assert.Equal(new PlanSigner("KT.", null, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Văn Dũng"), r.Signer);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Monthly_progress_and_a_dated_year_end_report_joined_by_va_give_a_once_duty()
    {
        var r = ReadSample("haiha-2025-22-KH-PGDDT-thang-va-mot-lan.txt");
        Assert.Equal(("22/KH-PGDĐT", "Hải Hà", new DateOnly(2025, 3, 10)), (r.Symbol, r.Place, r.IssuedOn));
        Assert.Equal(
            ["Các trường học | Phòng GDĐT | Monthly | 15 | - | ", "Các trường học | Phòng GDĐT | Once | 20 | 7 | 2025-07-20"],
            r.ReportingDuties.Select(Row));
        Assert.Equal(new PlanSigner(null, null, "TRƯỞNG PHÒNG", null, "Vũ Minh Tuấn"), r.Signer);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Three_duties_of_one_sentence_monthly_quarter_end_and_a_dated_review_are_all_read()
    {
        var r = ReadSample("uongbi-2025-30-KH-PGDDT-ba-nghia-vu-mam-non.txt");
        Assert.Equal(("30/KH-PGDĐT", new DateOnly(2025, 1, 6)), (r.Symbol, r.IssuedOn));
        Assert.Equal(
            [
                "Các trường mầm non | Phòng GDĐT | Monthly | 25 | - | ",
                "Các trường mầm non | Phòng GDĐT | Quarterly | 20 | 3,6,9,12 | ",
                "Các trường mầm non | Phòng GDĐT | Once | 10 | 1 | 2025-01-10",
            ],
            r.ReportingDuties.Select(Row));
        Assert.Empty(r.Warnings);
    }
}
