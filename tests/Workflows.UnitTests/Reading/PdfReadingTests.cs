using System.Text;
using Workflows.Reading;
using static Workflows.UnitTests.Reading.ReadingTestFiles;

namespace Workflows.UnitTests.Reading;

/// <summary>PDFs with a text layer, laid out from the plans' text as an office would print them (<see cref="PlanPdfLayout"/>).</summary>
public sealed class PdfReadingTests
{
    [Theory]
    [InlineData("uongbi-2020-82-KH-PGDDT.txt")]
    [InlineData("bache-2021-ke-hoach-hanh-dong.txt")]
    [InlineData("uongbi-2023-95-KH-PGDDT.txt")]
    public void A_seed_plan_printed_to_pdf_reads_exactly_like_its_text(string fileName)
    {
        var pdf = PlanPdfLayout.FromText(File.ReadAllText(RepositoryPaths.Plan(fileName)));

        var fromPdf = new PlanReader().Read(pdf, "plan.pdf");

        Assert.Equal(Json(ReadSeed(fileName)), Json(fromPdf));
    }

    [Theory]
    [InlineData("bache-2024-03-HD-PGDDT-nfd.txt")]
    [InlineData("haiha-2024-15-KH-PGDDT-tl-quy.txt")]
    [InlineData("sogddt-2024-05-KH-SGDDT-kt-giam-doc.txt")]
    [InlineData("uongbi-2024-07-TB-PGDDT-khong-noi-nhan.txt")]
    [InlineData("xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt")]
    [InlineData("uongbi-2025-18-KH-PGDDT-hai-nghia-vu-cham-phay.txt")]
    [InlineData("bache-2025-07-KH-PGDDT-rieng-sau-thang.txt")]
    [InlineData("sogddt-2025-11-KH-SGDDT-dong-thoi-nam.txt")]
    [InlineData("haiha-2025-22-KH-PGDDT-thang-va-mot-lan.txt")]
    [InlineData("uongbi-2025-30-KH-PGDDT-ba-nghia-vu-mam-non.txt")]
    public void A_sample_plan_printed_to_pdf_reads_exactly_like_its_text(string fileName)
    {
        var pdf = PlanPdfLayout.FromText(File.ReadAllText(Sample(fileName)));

        var fromPdf = new PlanReader().Read(pdf, "plan.pdf");

        Assert.Equal(Json(ReadSample(fileName)), Json(fromPdf));
    }

    [Fact]
    public void Page_numbers_and_the_running_footer_of_a_printed_plan_stay_out_of_its_fields()
    {
        var pdf = PlanPdfLayout.FromText(File.ReadAllText(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt")));

        var r = new PlanReader().Read(pdf, "95.pdf");

        Assert.DoesNotContain("lưu hành nội bộ", r.Body);
        Assert.DoesNotContain(r.Body.Split('\n'), p => p.Trim() is "2" or "3");
        Assert.Equal("95/KH-PGDĐT", r.Symbol);
        Assert.Equal(new DateOnly(2023, 2, 1), r.IssuedOn);
        Assert.Equal("Trần Nam Hải", r.Signer?.Name);
    }

    [Fact]
    public void A_password_protected_pdf_is_refused_with_a_vietnamese_message_naming_the_file()
    {
        var pdf = PlanPdfLayout.FromText(File.ReadAllText(Sample("xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt")), userPassword: "matkhau");

        var ex = Assert.Throws<PlanReadException>(() => new PlanReader().Read(pdf, "ke-hoach.pdf"));

        Assert.Equal("pdf-encrypted", ex.Code);
        Assert.Contains("Tệp 'ke-hoach.pdf' là PDF có mật khẩu", ex.Message);
    }

    [Fact]
    public void A_truncated_pdf_is_refused_as_damaged()
    {
        var pdf = PlanPdfLayout.FromText(File.ReadAllText(Sample("xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt")));

        var ex = Assert.Throws<PlanReadException>(() => new PlanReader().Read(pdf.AsSpan(0, pdf.Length / 3), "cut.pdf"));

        Assert.Equal("invalid-pdf", ex.Code);
        Assert.Contains("bị hỏng", ex.Message);
    }
}
