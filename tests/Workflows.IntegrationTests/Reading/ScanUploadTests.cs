using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Reading;

/// <summary>A scan uploaded through the API is read off the request thread: 202, the job polled until done, then the
/// plan with the fields OCR read and the warnings of the checks (vocabulary, confidence, directory).</summary>
public sealed class ScanUploadTests
{
    [Fact]
    public async Task An_uploaded_scan_is_answered_202_and_its_job_gives_the_plan_with_the_read_fields_and_the_directory_warnings()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "tests", "Workflows.UnitTests", "Reading", "Samples",
            "uongbi-2025-18-KH-PGDDT-hai-nghia-vu-cham-phay.txt"));
        var scan = await Scans.ImageOnlyPdf(PlanPdfLayout.FromText(text), 300, 0);
        using var app = new WorkflowsApp();
        var drafter = await app.SignInAsync("chuyenvien");

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(scan);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, "file", "ke-hoach-18-ban-quet.pdf");
        var response = await drafter.PostAsync("/api/plans", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(job.GetProperty("state").GetString(), new[] { "queued", "reading" });
        Assert.Equal($"/api/plans/scans/{job.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());

        var other = await app.SignInAsync("chuyenvien.so");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(response.Headers.Location)).StatusCode);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (job.GetProperty("state").GetString() is "queued" or "reading")
        {
            Assert.True(DateTime.UtcNow < deadline, "the scan was not read within 3 minutes");
            await Task.Delay(500);
            job = await drafter.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        }
        Assert.Equal("done", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("pagesDone").GetInt32());
        Assert.Equal(1, job.GetProperty("pagesTotal").GetInt32());

        var plan = await drafter.GetFromJsonAsync<JsonElement>($"/api/plans/{job.GetProperty("planId").GetGuid()}");
        Assert.Equal("draft", plan.GetProperty("status").GetString());
        var fields = plan.GetProperty("fields");
        Assert.Equal("18/KH-PGDĐT", fields.GetProperty("symbol").GetString());
        Assert.Equal("2025-01-14", fields.GetProperty("issuedOn").GetString());
        Assert.Equal("Trần Nam Hải", fields.GetProperty("signer").GetProperty("name").GetString());
        Assert.Equal(2, fields.GetProperty("reportingDuties").GetArrayLength());
        // "Lãnh đạo Phòng" is in the demo directory only as "LĐ Phòng" (Ba Chẽ) or inside "Lãnh đạo Phòng GDĐT": the drafter is told.
        var warnings = fields.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("Nơi nhận “Lãnh đạo Phòng”", StringComparison.Ordinal) && w.Contains("trong danh bạ", StringComparison.Ordinal));
    }
}
