using System.Text;
using Workflows.Kernel.Plans;
using Workflows.Reading;

namespace Workflows.UnitTests.Reading;

/// <summary>Sentences in the style of the seed plans that state two or more reporting duties.</summary>
public sealed class SentenceDutyReadingTests
{
    private static IReadOnlyList<ReportingDuty> Duties(string sentence) => Read(sentence).ReportingDuties;

    private static PlanFields Read(string sentence)
    {
        var text = $"""
            UBND THÀNH PHỐ UÔNG BÍ

            PHÒNG GIÁO DỤC VÀ ĐÀO TẠO

            Số: 41/KH-PGDĐT

            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

            Độc lập - Tự do - Hạnh phúc

            Uông Bí, ngày 12 tháng 3 năm 2025

            KẾ HOẠCH

            Triển khai công tác chuyển đổi số năm 2025

            Căn cứ hướng dẫn nhiệm vụ năm học 2024-2025 của Sở GDĐT Quảng Ninh, Phòng GDĐT xây dựng kế hoạch như sau:

            I. TỔ CHỨC THỰC HIỆN

            {sentence}

            Nơi nhận:
            - Các trường học trực thuộc (t/h);
            - Lưu: VT.

            TRƯỞNG PHÒNG

            Trần Nam Hải
            """;
        return new PlanReader().Read(Encoding.UTF8.GetBytes(text), "ke-hoach.txt");
    }

    private static string Row(ReportingDuty d) =>
        $"{d.Reporter} | {d.Recipient} | {d.Frequency} | {d.DueDay} | {(d.Months is null ? "-" : string.Join(",", d.Months))} | {d.Year} | {d.DueDate:yyyy-MM-dd}";

    [Fact]
    public void Monthly_report_and_quarterly_report_after_a_semicolon_are_two_duties_with_their_own_days()
    {
        var duties = Duties("- Các trường học: báo cáo kết quả thực hiện hằng tháng gửi Phòng GDĐT trước ngày 25; báo cáo quý gửi trước ngày 20 của tháng cuối quý.");
        Assert.Equal(
            ["Các trường học | Phòng GDĐT | Monthly | 25 | - |  | ", "Các trường học | Phòng GDĐT | Quarterly | 20 | 3,6,9,12 |  | "],
            duties.Select(Row));
        Assert.Equal("báo cáo quý gửi trước ngày 20 của tháng cuối quý.", duties[1].Text);
    }

    [Fact]
    public void A_one_off_year_end_report_joined_by_va_is_a_once_duty_with_its_date()
    {
        var duties = Duties("- Các trường học: trước ngày 15 hằng tháng báo cáo tiến độ gửi Phòng GDĐT (qua bộ phận Tổ chức) và gửi báo cáo tổng kết năm học trước ngày 20/7/2025.");
        Assert.Equal(
            ["Các trường học | Phòng GDĐT | Monthly | 15 | - |  | ", "Các trường học | Phòng GDĐT | Once | 20 | 7 | 2025 | 2025-07-20"],
            duties.Select(Row));
        Assert.Equal("gửi báo cáo tổng kết năm học trước ngày 20/7/2025.", duties[1].Text);
    }

    [Fact]
    public void A_rieng_clause_with_a_period_word_is_a_duty_of_its_own()
    {
        var duties = Duties("- Bộ phận Tổ chức: tổng hợp báo cáo gửi Sở GDĐT chậm nhất ngày 18 hằng tháng, riêng báo cáo 6 tháng gửi UBND thành phố trước ngày 10/6 và 10/12.");
        Assert.Equal(
            ["Bộ phận Tổ chức | Sở GDĐT | Monthly | 18 | - |  | ", "Bộ phận Tổ chức | UBND thành phố | HalfYearly | 10 | 6,12 |  | "],
            duties.Select(Row));
        Assert.StartsWith("riêng báo cáo 6 tháng", duties[1].Text);
    }

    [Fact]
    public void A_dong_thoi_clause_adds_a_yearly_duty_to_a_quarterly_one()
    {
        var duties = Duties("- Các trường THCS: báo cáo hằng quý gửi Phòng GDĐT trước ngày 5 của tháng cuối quý, đồng thời báo cáo đánh giá hằng năm gửi Phòng GDĐT trước ngày 15/12.");
        Assert.Equal(
            ["Các trường THCS | Phòng GDĐT | Quarterly | 5 | 3,6,9,12 |  | ", "Các trường THCS | Phòng GDĐT | Yearly | 15 | 12 |  | "],
            duties.Select(Row));
    }

    [Fact]
    public void Three_duties_in_one_sentence_each_keep_their_frequency_day_and_months()
    {
        var duties = Duties("- Các trường mầm non: báo cáo hằng tháng gửi Phòng GDĐT trước ngày 25, riêng tháng cuối quý gửi trước ngày 20 và gửi báo cáo sơ kết học kỳ I chậm nhất ngày 10/01/2025.");
        Assert.Equal(
            [
                "Các trường mầm non | Phòng GDĐT | Monthly | 25 | - |  | ",
                "Các trường mầm non | Phòng GDĐT | Quarterly | 20 | 3,6,9,12 |  | ",
                "Các trường mầm non | Phòng GDĐT | Once | 10 | 1 | 2025 | 2025-01-10",
            ],
            duties.Select(Row));
    }

    [Fact]
    public void Va_between_two_dates_of_one_deadline_does_not_split_the_duty()
    {
        var duty = Assert.Single(Duties("- Các trường học: báo cáo kết quả thực hiện 6 tháng và cả năm gửi Phòng GDĐT trước ngày 15/6 và 15/12."));
        Assert.Equal("Các trường học | Phòng GDĐT | HalfYearly | 15 | 6,12 |  | ", Row(duty));
    }

    [Fact]
    public void Va_between_period_words_without_a_second_deadline_does_not_split_the_duty()
    {
        var duty = Assert.Single(Duties("- Các trường học: định kỳ và hằng năm báo cáo kết quả thực hiện gửi Phòng GDĐT trước ngày 20/12 và tham gia sơ kết."));
        Assert.Equal("Các trường học | Phòng GDĐT | Yearly | 20 | 12 |  | ", Row(duty));
    }

    [Fact]
    public void A_one_off_dated_report_alone_is_a_once_duty_whose_json_carries_the_due_date()
    {
        var fields = Read("- Các trường học: báo cáo kết quả tự đánh giá gửi Phòng GDĐT trước ngày 31/5/2025.");
        var duty = Assert.Single(fields.ReportingDuties);
        Assert.Equal("Các trường học | Phòng GDĐT | Once | 31 | 5 | 2025 | 2025-05-31", Row(duty));
        var json = ReadingTestFiles.Json(fields);
        Assert.Contains("\"frequency\": \"once\"", json);
        Assert.Contains("\"dueDate\": \"2025-05-31\"", json);
    }
}
