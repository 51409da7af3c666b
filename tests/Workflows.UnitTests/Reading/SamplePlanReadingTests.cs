using Workflows.Reading;
using Workflows.Kernel.Plans;
using static Workflows.UnitTests.Reading.ReadingTestFiles;

namespace Workflows.UnitTests.Reading;

/// <summary>Plans written for these tests in the style of the seed plans (Reading/Samples).</summary>
public sealed class SamplePlanReadingTests
{
    [Fact]
    public void Department_plan_signed_kt_giam_doc_yields_half_yearly_and_yearly_duties()
    {
        var r = ReadSample("sogddt-2024-05-KH-SGDDT-kt-giam-doc.txt");
        Assert.Equal("KH", r.DocumentType);
        Assert.Equal(5, r.Number);
        Assert.Equal("05/KH-SGDĐT", r.Symbol);
        Assert.Equal(new PlanIssuer("UBND TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal("Hạ Long", r.Place);
        Assert.Equal(new DateOnly(2024, 1, 9), r.IssuedOn);
        Assert.Equal("Triển khai công tác chuyển đổi số trong các cơ sở giáo dục năm học 2023-2024", r.Subject);
        Recipients(r,
            ("Bộ GDĐT", "b/c", RecipientKind.External),
            ("UBND tỉnh", "b/c", RecipientKind.External),
            ("Lãnh đạo Sở", "c/đ", RecipientKind.Internal),
            ("Các phòng thuộc Sở", "t/h", RecipientKind.Internal),
            ("Phòng GDĐT các huyện, thị xã, thành phố", "t/h", RecipientKind.External),
            ("VT", "", RecipientKind.Archive),
            ("GDTrH", "", RecipientKind.Archive));
        Assert.Equal(new PlanSigner("KT.", null, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình"), r.Signer);

        Assert.Equal(2, r.ReportingDuties.Count);
        var half = r.ReportingDuties[0];
        Assert.Equal(("Phòng GDĐT các huyện, thị xã, thành phố", "Sở GDĐT", ReportingFrequency.HalfYearly, 15), (half.Reporter, half.Recipient, half.Frequency, half.DueDay));
        Assert.Equal([6, 12], half.Months!);
        var yearly = r.ReportingDuties[1];
        Assert.Equal(("Các trường THPT", "Sở GDĐT", ReportingFrequency.Yearly, 20), (yearly.Reporter, yearly.Recipient, yearly.Frequency, yearly.DueDay));
        Assert.Equal([12], yearly.Months!);
        Assert.Null(yearly.Year);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Commune_plan_signed_tm_uy_ban_nhan_dan_yields_a_quarter_end_duty()
    {
        var r = ReadSample("xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt");
        Assert.Equal(new PlanIssuer(null, "ỦY BAN NHÂN DÂN XÃ ĐỒN ĐẠC"), r.Issuer);
        Assert.Equal("12/KH-UBND", r.Symbol);
        Assert.Equal("Đồn Đạc", r.Place);
        Assert.Equal(new DateOnly(2024, 3, 5), r.IssuedOn);
        Assert.Equal("Phòng, chống đuối nước cho trẻ em trên địa bàn xã năm 2024", r.Subject);
        Assert.Equal(new PlanSigner("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "CHỦ TỊCH", "Lê Văn Cường"), r.Signer);
        Recipients(r,
            ("UBND huyện Ba Chẽ", "b/c", RecipientKind.External),
            ("Phòng GD&ĐT huyện", "p/h", RecipientKind.External),
            ("CT, các PCT UBND xã", "", RecipientKind.Internal),
            ("Các trường học trên địa bàn xã", "t/h", RecipientKind.External),
            ("VT", "", RecipientKind.Archive));
        var duty = Assert.Single(r.ReportingDuties);
        Assert.Equal("Các trường học trên địa bàn xã", duty.Reporter);
        Assert.Equal("UBND xã", duty.Recipient);
        Assert.Equal(ReportingFrequency.Quarterly, duty.Frequency);
        Assert.Equal(20, duty.DueDay);
        Assert.Equal([3, 6, 9, 12], duty.Months!);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Notice_without_noi_nhan_is_read_with_a_warning()
    {
        var r = ReadSample("uongbi-2024-07-TB-PGDDT-khong-noi-nhan.txt");
        Assert.Equal("TB", r.DocumentType);
        Assert.Equal("Thông báo", r.DocumentTypeName);
        Assert.Equal("07/TB-PGDĐT", r.Symbol);
        Assert.Equal(new PlanIssuer(null, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal("Lịch kiểm tra cuối học kỳ II năm học 2023-2024", r.Subject);
        Assert.Empty(r.Recipients);
        Assert.Empty(r.ReportingDuties);
        Assert.Equal(new PlanSigner(null, null, "TRƯỞNG PHÒNG", null, "Trần Nam Hải"), r.Signer);
        Assert.EndsWith("Đề nghị các trường thực hiện nghiêm túc./.", r.Body);
        Assert.DoesNotContain("TRƯỞNG PHÒNG", r.Body);
        Assert.Equal(["Không tìm thấy phần Nơi nhận: cần bổ sung danh sách nơi nhận."], r.Warnings);
    }

    [Fact]
    public void Guidance_in_nfd_unicode_is_normalised_and_read()
    {
        var bytes = File.ReadAllBytes(Sample("bache-2024-03-HD-PGDDT-nfd.txt"));
        Assert.False(System.Text.Encoding.UTF8.GetString(bytes).IsNormalized(System.Text.NormalizationForm.FormC));
        var r = new PlanReader().Read(bytes, "nfd.txt");
        Assert.Equal("HD", r.DocumentType);
        Assert.Equal("Hướng dẫn", r.DocumentTypeName);
        Assert.Equal("03/HD-PGDĐT", r.Symbol);
        Assert.Equal(new PlanIssuer("UBND HUYỆN BA CHẼ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal("Ba Chẽ", r.Place);
        Assert.Equal(new DateOnly(2024, 4, 2), r.IssuedOn);
        Assert.Equal("Tổ chức ngày hội đọc sách trong các trường học năm 2024", r.Subject);
        Assert.True(r.Body.IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Equal(new PlanSigner("Q.", null, "TRƯỞNG PHÒNG", null, "Đỗ Thị Hà"), r.Signer);
        Recipients(r,
            ("Các trường tiểu học, THCS", "t/h", RecipientKind.External),
            ("Bộ phận chuyên môn thuộc Phòng", "t/d", RecipientKind.Internal),
            ("VT", "", RecipientKind.Archive),
            ("CM", "", RecipientKind.Archive));
        var duty = Assert.Single(r.ReportingDuties);
        Assert.Equal((ReportingFrequency.Once, 20, 2024), (duty.Frequency, duty.DueDay, duty.Year));
        Assert.Equal([5], duty.Months!);
        Assert.Equal("Phòng GDĐT", duty.Recipient);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Plan_signed_tl_yields_quarterly_months_as_listed_and_a_monthly_duty()
    {
        var r = ReadSample("haiha-2024-15-KH-PGDDT-tl-quy.txt");
        Assert.Equal(new PlanSigner("TL.", null, "TRƯỞNG PHÒNG", "CHÁNH VĂN PHÒNG", "Phạm Minh Tuấn"), r.Signer);
        Assert.Equal(2, r.ReportingDuties.Count);
        var quarterly = r.ReportingDuties[0];
        Assert.Equal(("Các trường học", "Phòng GDĐT", ReportingFrequency.Quarterly, 10, 2024), (quarterly.Reporter, quarterly.Recipient, quarterly.Frequency, quarterly.DueDay, quarterly.Year));
        Assert.Equal([3, 6, 9, 11], quarterly.Months!);
        var monthly = r.ReportingDuties[1];
        Assert.Equal(("Bộ phận thanh tra", "Lãnh đạo Phòng", ReportingFrequency.Monthly, 15), (monthly.Reporter, monthly.Recipient, monthly.Frequency, monthly.DueDay));
        Recipients(r,
            ("Sở GDĐT", "b/c", RecipientKind.External),
            ("Các trường học trực thuộc", "t/h", RecipientKind.External),
            ("Lãnh đạo Phòng", "", RecipientKind.Internal),
            ("VT", "", RecipientKind.Archive),
            ("TTr", "", RecipientKind.Archive));
    }

    [Fact]
    public void Json_uses_the_contract_field_names_and_keeps_vietnamese_unescaped()
    {
        var json = Json(ReadSample("sogddt-2024-05-KH-SGDDT-kt-giam-doc.txt"));
        Assert.Contains("\"documentType\": \"KH\"", json);
        Assert.Contains("\"issuedOn\": \"2024-01-09\"", json);
        Assert.Contains("\"frequency\": \"half-yearly\"", json);
        Assert.Contains("\"kind\": \"archive\"", json);
        Assert.Contains("SỞ GIÁO DỤC VÀ ĐÀO TẠO", json);
        Assert.Contains("\n  \"", json);
    }
}
