using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UglyToad.PdfPig;
using Workflows.IntegrationTests.Distribution;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Documents;

public sealed class IssuedDocumentTests(DistributionFixture fixture) : IClassFixture<DistributionFixture>
{
    private PlanFlow Flow => fixture.Flow;

    [Fact]
    public async Task A_released_txt_plan_is_a_pdf_with_its_number_and_date_signed_by_the_head_and_the_body_and_is_what_recipients_get()
    {
        var planId = await UploadWithRecipientsAsync(Flow, RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), "ke-hoach-95.txt");
        await Flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(Flow.Reviewer, planId, "approve");
        await PlanFlow.ActAsync(Flow.Signer, planId, "approve", signingForm: "direct");

        // Signed, not yet numbered: one valid signature, the number and the date still blank.
        var signed = await Flow.Clerk.GetByteArrayAsync($"/api/plans/{planId}/issued.pdf");
        var first = await PdfSignatures.VerifyAsync(signed);
        Assert.Single(first);
        Assert.True(first[0].Valid, first[0].Text);
        Assert.Contains("Số: …/KH-PGDĐT", FirstPageText(signed));

        await PlanFlow.ActAsync(Flow.Clerk, planId, "approve");
        var plan = await Flow.PlanAsync(planId);
        var symbol = plan.GetProperty("symbol").GetString()!;
        var issuedOn = DateOnly.Parse(plan.GetProperty("issuedOn").GetString()!);
        var pdf = await Flow.Clerk.GetByteArrayAsync($"/api/plans/{planId}/issued.pdf");

        Assert.Equal(signed, pdf[..signed.Length]);
        Assert.True(pdf.Length < 300_000, $"{pdf.Length} bytes: a whole font embedded (by the layout or the signing tool)");
        var text = FirstPageText(pdf);
        Assert.Contains($"Số: {symbol}", text);
        Assert.Contains($"ngày {issuedOn.Day:00} tháng {issuedOn.Month:00} năm {issuedOn.Year}", text);
        var signatures = await PdfSignatures.VerifyAsync(pdf);
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, s => Assert.True(s.Valid, s.Text));
        Assert.Equal("Trần Nam Hải", signatures[0].CommonName);
        Assert.False(signatures[0].WholeDocument);
        Assert.Equal("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", signatures[1].CommonName);
        Assert.True(signatures[1].WholeDocument, signatures[1].Text);

        var broken = pdf.ToArray();
        broken[signed.Length / 3] ^= 0x01;
        Assert.Contains(await PdfSignatures.VerifyAsync(broken), s => !s.Valid);

        var deliveries = await SettledAsync(Flow, planId);
        var received = fixture.Smtp.Messages().Where(m => m.Subject.StartsWith($"[{symbol}]", StringComparison.Ordinal)).ToList();
        Assert.Equal(deliveries.Length, received.Count);
        Assert.All(received, m =>
        {
            Assert.Equal([symbol.Replace('/', '-') + ".pdf"], m.Attachments);
            Assert.Equal(pdf.Length, m.AttachmentSizes[0]);
        });
        var upload = await Flow.Drafter.GetAsync($"/api/plans/{planId}/document");
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Contains("95 /KH-PGDĐT", await upload.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_released_docx_plan_is_converted_numbered_in_its_own_header_and_signed_twice()
    {
        var planId = await UploadDocxAsync(Flow, SamplePlanDocx.Create());
        await SetRecipientsAsync(Flow, planId, [new { name = "Sở GDĐT Quảng Ninh", purpose = new[] { "b/c" }, kind = "external" },
            new { name = "UBND TP", purpose = Array.Empty<string>(), kind = "external" }]);
        await Flow.ReleaseAsync(planId);
        var plan = await Flow.PlanAsync(planId);
        var symbol = plan.GetProperty("symbol").GetString()!;
        var issuedOn = DateOnly.Parse(plan.GetProperty("issuedOn").GetString()!);

        var pdf = await Flow.Drafter.GetByteArrayAsync($"/api/plans/{planId}/issued.pdf");
        var text = FirstPageText(pdf);
        Assert.Contains($"Số: {symbol}", text);
        Assert.Contains($"Uông Bí, ngày {issuedOn.Day:00} tháng {issuedOn.Month:00} năm {issuedOn.Year}", text);
        Assert.Contains("Ngày hội đọc sách", text);
        var signatures = await PdfSignatures.VerifyAsync(pdf);
        Assert.Equal(["Trần Nam Hải", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], signatures.Select(s => s.CommonName));
        Assert.All(signatures, s => Assert.True(s.Valid, s.Text));
        Assert.True(signatures[^1].WholeDocument);

        await SettledAsync(Flow, planId);
        Assert.All(fixture.Smtp.Messages().Where(m => m.Subject.StartsWith($"[{symbol}]", StringComparison.Ordinal)),
            m => Assert.Equal([symbol.Replace('/', '-') + ".pdf"], m.Attachments));
    }

    [Fact]
    public async Task The_outgoing_register_lists_a_released_plan_and_exports_it_as_csv_and_an_xlsx_that_ClosedXML_opens()
    {
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch kiểm tra sổ văn bản đi", "Sở GDĐT Quảng Ninh", "UBND TP");
        await Flow.ReleaseAsync(planId);
        await SettledAsync(Flow, planId);
        var plan = await Flow.PlanAsync(planId);
        var symbol = plan.GetProperty("symbol").GetString()!;
        var year = DateOnly.Parse(plan.GetProperty("issuedOn").GetString()!).Year;

        var entries = await Flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/register?year={year}");
        var entry = entries!.Single(e => e.GetProperty("symbol").GetString() == symbol);
        Assert.Equal("Kế hoạch kiểm tra sổ văn bản đi", entry.GetProperty("subject").GetString());
        Assert.Equal("Trần Nam Hải", entry.GetProperty("signerName").GetString());
        Assert.Equal(2, entry.GetProperty("copies").GetInt32());
        Assert.Equal("Đã gửi 2/2", entry.GetProperty("delivery").GetString());
        Assert.Empty((await Flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/register?year={year}&q=không-có-văn-bản-này"))!);

        var csv = await Flow.Clerk.GetStringAsync($"/api/register.csv?year={year}");
        Assert.Contains(symbol, csv);
        Assert.StartsWith("Số,Ký hiệu,Ngày ban hành", csv.TrimStart('\uFEFF'));

        var xlsx = await Flow.Clerk.GetByteArrayAsync($"/api/register.xlsx?year={year}");
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("Ký hiệu", sheet.Cell(1, 2).GetString());
        Assert.Contains(sheet.Column(2).CellsUsed(), c => c.GetString() == symbol);

        var bad = await Flow.Clerk.GetAsync("/api/register?year=1999");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("year", await bad.Content.ReadAsStringAsync());
    }

    internal static async Task<Guid> UploadDocxAsync(PlanFlow flow, byte[] docx)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(docx);
        file.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "ke-hoach-ngay-hoi-doc-sach.docx");
        var response = await flow.Drafter.PostAsync("/api/plans", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static string FirstPageText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
    }
}
