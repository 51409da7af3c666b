using Workflows.Reading;
using Workflows.Kernel.Plans;
using static Workflows.UnitTests.Reading.ReadingTestFiles;

namespace Workflows.UnitTests.Reading;

/// <summary>Expected values were taken by reading the documents in /work/shared/plans by hand.</summary>
public sealed class SeedPlanReadingTests
{
    [Fact]
    public void Uong_bi_2020_plan_yields_its_header_subject_and_dates()
    {
        var r = ReadSeed("uongbi-2020-82-KH-PGDDT.txt");
        Assert.Equal("KH", r.DocumentType);
        Assert.Equal("Kế hoạch", r.DocumentTypeName);
        Assert.Equal(82, r.Number);
        Assert.Equal("82/KH-PGDĐT", r.Symbol);
        Assert.Equal(new PlanIssuer("UBND THÀNH PHỐ UÔNG BÍ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal("Uông Bí", r.Place);
        Assert.Equal(new DateOnly(2020, 1, 22), r.IssuedOn);
        Assert.Equal("Thực hiện chủ đề công tác năm 2020 về “Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức và bảo đảm tăng trưởng kinh tế bền vững” trong ngành giáo dục thành phố Uông Bí", r.Subject);
    }

    [Fact]
    public void Uong_bi_2020_plan_body_runs_from_can_cu_to_the_last_section_without_its_footnote()
    {
        var r = ReadSeed("uongbi-2020-82-KH-PGDDT.txt");
        var paragraphs = r.Body.Split('\n');
        Assert.StartsWith("Căn cứ Nghị quyết số 15-NQ/TU ngày 16/12/2019 của Ban Chấp hành Đảng bộ thành phố", paragraphs[0]);
        Assert.Equal("I. MỤC ĐÍCH, YÊU CẦU VÀ CÁC CHỈ TIÊU CHỦ YẾU", paragraphs[2]);
        Assert.EndsWith("định kỳ tổng hợp báo cáo kết quả thực hiện gửi Phòng GD&ĐT thành phố./.", paragraphs[^1]);
        Assert.Contains("trình độ trung cấp lý luận chính trị đạt tối thiểu 16%.", r.Body);
        Assert.Contains("trong đó chú trọng nội dung xây dựng về đạo đức, truyền thống lịch sử", r.Body);
        Assert.DoesNotContain("Hiện nay, 100% CBQL", r.Body);
        Assert.DoesNotContain("Nơi nhận", r.Body);
        var footnote = Assert.Single(r.Footnotes);
        Assert.Equal("1", footnote.Marker);
        Assert.StartsWith("Hiện nay, 100% CBQL, GV, NV có trình độ chuẩn và trên chuẩn", footnote.Text);
        Assert.EndsWith("Tỷ lệ đảng viên chiếm 64.8%", footnote.Text);
    }

    [Fact]
    public void Uong_bi_2020_plan_yields_its_recipients_with_the_archive_entries()
    {
        var r = ReadSeed("uongbi-2020-82-KH-PGDDT.txt");
        Recipients(r,
            ("Sở GD&ĐT Quảng Ninh", "", RecipientKind.External),
            ("UBND Thành phố", "", RecipientKind.External),
            ("Lãnh đạo Phòng GD&ĐT", "", RecipientKind.Internal),
            ("Các tổ công tác thuộc Phòng", "", RecipientKind.Internal),
            ("Các trường học trực thuộc", "", RecipientKind.External),
            ("Cổng TTĐT", "", RecipientKind.External),
            ("VT", "", RecipientKind.Archive),
            ("TĐ-TH", "", RecipientKind.Archive));
    }

    [Fact]
    public void Uong_bi_2020_plan_has_a_signer_title_without_a_name_and_an_undated_periodic_duty()
    {
        var r = ReadSeed("uongbi-2020-82-KH-PGDDT.txt");
        Assert.Equal(new PlanSigner(null, null, "TRƯỞNG PHÒNG", null, null), r.Signer);
        var duty = Assert.Single(r.ReportingDuties);
        Assert.Equal("Các trường học trực thuộc trên địa bàn", duty.Reporter);
        Assert.Equal("Phòng GD&ĐT thành phố", duty.Recipient);
        Assert.Equal(ReportingFrequency.Unspecified, duty.Frequency);
        Assert.Null(duty.DueDay);
        Assert.Null(duty.Months);
        Assert.Null(duty.Year);
        Assert.Equal("định kỳ tổng hợp báo cáo kết quả thực hiện gửi Phòng GD&ĐT thành phố./.", duty.Text);
        Assert.Empty(r.WorkProgramme);
        Assert.Equal(2, r.Warnings.Count);
        Assert.Equal("Không tìm thấy họ tên người ký.", r.Warnings[0]);
        Assert.StartsWith("Nghĩa vụ báo cáo chưa có ngày gửi cụ thể", r.Warnings[1]);
    }

    [Fact]
    public void Ba_che_2021_plan_without_header_yields_its_subject_and_a_header_warning()
    {
        var r = ReadSeed("bache-2021-ke-hoach-hanh-dong.txt");
        Assert.Equal("KH", r.DocumentType);
        Assert.Equal("Kế hoạch", r.DocumentTypeName);
        Assert.Null(r.Number);
        Assert.Null(r.Symbol);
        Assert.Equal(new PlanIssuer(null, null), r.Issuer);
        Assert.Null(r.Place);
        Assert.Null(r.IssuedOn);
        Assert.Equal("Thực hiện Nghị quyết Đại hội và Chương trình hành động số 01-CTr/TU ngày 09/10/2020 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020-2025", r.Subject);
        Assert.StartsWith("Thực hiện Kế hoạch hành động số 602/KH-SGDĐT ngày 10/3/2021", r.Body);
        Assert.EndsWith("Phòng Giáo dục và Đào tạo yêu cầu các đơn vị tổ chức triển khai, thực hiện nghiêm túc, hiệu quả./.", r.Body);
        Assert.Contains("\n3. Công tác bồi dưỡng và phát triển đội ngũ giáo dục đào tạo\n", r.Body);
        Assert.Empty(r.Footnotes);
        Assert.Empty(r.WorkProgramme);
        Assert.StartsWith("Không tìm thấy phần đầu văn bản", r.Warnings[0]);
    }

    [Fact]
    public void Ba_che_2021_plan_yields_recipients_with_their_purposes()
    {
        var r = ReadSeed("bache-2021-ke-hoach-hanh-dong.txt");
        Recipients(r,
            ("Sở GD&ĐT", "b/c", RecipientKind.External),
            ("UBND huyện", "b/c", RecipientKind.External),
            ("Ban Tuyên giáo", "b/c", RecipientKind.External),
            ("Các CSGD thuộc huyện", "t/h", RecipientKind.External),
            ("LĐ Phòng", "c/đ", RecipientKind.Internal),
            ("CM phòng", "t/d,t/m", RecipientKind.Internal),
            ("VT", "", RecipientKind.Archive));
        Assert.Equal(new PlanSigner(null, null, "TRƯỞNG PHÒNG", null, "Hoàng Thị Oanh"), r.Signer);
    }

    [Fact]
    public void Ba_che_2021_plan_yields_two_yearly_duties_without_a_day_each_with_a_warning()
    {
        var r = ReadSeed("bache-2021-ke-hoach-hanh-dong.txt");
        Assert.Equal(2, r.ReportingDuties.Count);
        var office = r.ReportingDuties[0];
        Assert.Equal("Phòng GD&ĐT", office.Reporter);
        Assert.Equal("Ủy ban nhân dân huyện, Sở GD&ĐT", office.Recipient);
        Assert.Equal(ReportingFrequency.Yearly, office.Frequency);
        Assert.Null(office.DueDay);
        Assert.Null(office.Months);
        Assert.Null(office.Year);
        Assert.Equal("Định kì và hằng năm tổng hợp báo cáo kết quả thực hiện gửi Ủy ban nhân dân huyện, Sở GD&ĐT theo quy định.", office.Text);
        var schools = r.ReportingDuties[1];
        Assert.Equal("Các cơ sở giáo dục thuộc huyện", schools.Reporter);
        Assert.Equal("Phòng GD&ĐT", schools.Recipient);
        Assert.Equal(ReportingFrequency.Yearly, schools.Frequency);
        Assert.Null(schools.DueDay);
        Assert.StartsWith("Định kì và hằng năm báo cáo Phòng GD&ĐT kết quả thực hiện", schools.Text);
        Assert.Equal(3, r.Warnings.Count);
        Assert.Contains(office.Text!, r.Warnings[1]);
        Assert.Contains(schools.Text!, r.Warnings[2]);
    }

    [Fact]
    public void Uong_bi_2023_plan_yields_its_header_without_issuer_and_its_subject()
    {
        var r = ReadSeed("uongbi-2023-95-KH-PGDDT.txt");
        Assert.Equal("KH", r.DocumentType);
        Assert.Equal(95, r.Number);
        Assert.Equal("95/KH-PGDĐT", r.Symbol);
        Assert.Equal(new PlanIssuer(null, null), r.Issuer);
        Assert.Equal("Uông Bí", r.Place);
        Assert.Equal(new DateOnly(2023, 2, 1), r.IssuedOn);
        Assert.Equal("Thực hiện Nghị quyết số 06-NQ/TU ngày 02/12/2022 của Ban chấp hành Đảng bộ thành phố về phương hướng - nhiệm vụ năm 2023, Nghị quyết số 98/NQ-HĐND ngày 22/12/2022 của Hội đồng nhân dân thành phố về nhiệm vụ phát triển kinh tế - xã hội năm 2023", r.Subject);
        Assert.Equal(["Không tìm thấy tên cơ quan ban hành."], r.Warnings);
    }

    [Fact]
    public void Uong_bi_2023_plan_takes_its_seven_footnotes_out_of_the_body()
    {
        var r = ReadSeed("uongbi-2023-95-KH-PGDDT.txt");
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], r.Footnotes.Select(f => f.Marker));
        Assert.StartsWith("Chủ đề năm học 2022-2023 của ngành", r.Footnotes[0].Text);
        Assert.Contains("Hiện nay tỷ lệ trường chuẩn quốc gia mức độ 2 đối với cả 3 cấp học là 26/39 = 66.6%", r.Footnotes[1].Text);
        Assert.DoesNotContain("Chủ đề năm học 2022-2023 của ngành", r.Body);
        Assert.DoesNotContain("¹", r.Body);
        Assert.DoesNotContain("⁷", r.Body);
        Assert.Contains("- Phân công rõ nhiệm vụ, trách nhiệm tổ chức thực hiện. Thường xuyên kiểm tra, đôn đốc, báo cáo đánh giá kết quả thực hiện định kỳ, đột xuất theo chỉ đạo của các cấp.", r.Body);
        Assert.Contains("\n1. Chỉ đạo thực hiện tốt nhiệm vụ đổi mới căn bản, toàn diện giáo dục - đào tạo trong tình hình mới\n", r.Body);
        Assert.Contains("giáo dục và đào tạo năm 2023.", r.Body);
        Assert.DoesNotContain("Quý I/2023", r.Body);
    }

    [Fact]
    public void Uong_bi_2023_plan_yields_its_recipients_and_signer()
    {
        var r = ReadSeed("uongbi-2023-95-KH-PGDDT.txt");
        Recipients(r,
            ("Văn phòng Sở GDĐT", "", RecipientKind.External),
            ("Văn phòng HĐND&UBND TP", "", RecipientKind.External),
            ("Lãnh đạo Phòng GDĐT", "", RecipientKind.Internal),
            ("Các tổ công tác thuộc Phòng", "", RecipientKind.Internal),
            ("Các trường học trực thuộc", "", RecipientKind.External),
            ("Công TTĐT ngành", "", RecipientKind.External),
            ("VT", "", RecipientKind.Archive),
            ("TĐ-TH", "", RecipientKind.Archive));
        Assert.Equal(new PlanSigner(null, null, "TRƯỞNG PHÒNG", null, "Trần Nam Hải"), r.Signer);
    }

    [Fact]
    public void Uong_bi_2023_plan_yields_its_monthly_reporting_duty()
    {
        var r = ReadSeed("uongbi-2023-95-KH-PGDDT.txt");
        var duty = Assert.Single(r.ReportingDuties);
        Assert.Equal("Bộ phận thi đua, tổng hợp", duty.Reporter);
        Assert.Equal("Sở GDĐT, UBND thành phố", duty.Recipient);
        Assert.Equal(ReportingFrequency.Monthly, duty.Frequency);
        Assert.Equal(15, duty.DueDay);
        Assert.Null(duty.Months);
        Assert.Null(duty.Year);
        Assert.Equal("Trước ngày 15 hằng tháng xây dựng báo cáo kết quả thực hiện gửi Sở GDĐT, UBND thành phố.", duty.Text);
    }

    [Fact]
    public void Uong_bi_2023_plan_yields_the_35_rows_of_its_work_programme_by_quarter()
    {
        var r = ReadSeed("uongbi-2023-95-KH-PGDDT.txt");
        var rows = r.WorkProgramme;
        Assert.Equal(35, rows.Count);
        Assert.Equal(11, rows.Count(x => x.Period == "Quý I/2023"));
        Assert.Equal(8, rows.Count(x => x.Period == "Quý II/2023"));
        Assert.Equal(8, rows.Count(x => x.Period == "Quý III/2023"));
        Assert.Equal(8, rows.Count(x => x.Period == "Quý IV/2023"));
        Assert.Equal(new WorkProgrammeRow("Quý I/2023", "Sơ kết học kỳ I, triển khai chương trình giáo dục học kỳ II năm học 2022-2023 (theo từng lĩnh vực)", "Chuyên môn"), rows[0]);
        Assert.Equal(new WorkProgrammeRow("Quý I/2023", "Giải điền kinh học sinh phổ thông cấp Thành phố, cấp Tỉnh năm học 2022-2023", "Chuyên môn THCS"), rows[7]);
        Assert.Equal(new WorkProgrammeRow("Quý II/2023", "Đề nghị công nhận đề tài, giải pháp, SKKN cấp Thành phố, cấp tỉnh năm học 2022-2023", "Thi đua, tổng hợp"), rows[11]);
        Assert.Equal(new WorkProgrammeRow("Quý III/2023", "Đề nghị kiểm định chất lượng và công nhận lại chuẩn quốc gia các trường: TH Lê Lợi, TH Quang Trung, THCS Phương Đông, THCS Phương Nam, THCS Yên Thanh, TH&THCS Nam Khê", "Chuyên môn TH, THCS"), rows[25]);
        Assert.Equal(new WorkProgrammeRow("Quý IV/2023", "Xây dựng báo cáo đánh giá kết quả thực hiện nhiệm vụ năm 2023, phương hướng và chỉ tiêu công tác năm 2024", "Thi đua, tổng hợp"), rows[^1]);
    }
}
