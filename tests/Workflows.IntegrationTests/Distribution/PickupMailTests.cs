using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>The embedded default: release writes readable .eml files to a folder, and /dev/mail shows them.</summary>
public sealed class PickupMailTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pickup-{Guid.NewGuid():N}");
    private WorkflowsApp _app = null!;
    private PlanFlow _flow = null!;

    public async Task InitializeAsync()
    {
        _app = new WorkflowsApp(settings: new Dictionary<string, string?>
        {
            ["Workflows:Distribution:Transport"] = "Pickup",
            ["Workflows:Distribution:PickupDirectory"] = _folder,
            ["Workflows:Distribution:Smtp:From"] = "vanthu@pgddt.uongbi.example.org",
            ["Workflows:Distribution:PollMilliseconds"] = "100",
        });
        _flow = await PlanFlow.StartAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed record Eml(string[] To, string MessageId, string Subject, string[] Attachments, int[] AttachmentSizes, string Body);

    [Fact]
    public async Task The_pickup_folder_holds_one_readable_eml_per_recipient_whose_subject_and_attachment_name_decode_to_Vietnamese()
    {
        const string fileName = "Kế hoạch số 95-KH-PGDĐT năm học 2022–2023.txt";
        var planId = await UploadWithRecipientsAsync(_flow, RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), fileName);
        await _flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(_flow, planId);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        var plan = await _flow.PlanAsync(planId);
        var subject = $"[{plan.GetProperty("symbol").GetString()}] {plan.GetProperty("subject").GetString()}";
        Assert.Contains("Đ", subject);

        var files = Directory.GetFiles(_folder, "*.eml");
        var messages = Read(files);
        Assert.Equal(UongBiAddresses.Order(), messages.SelectMany(m => m.To).Order());
        Assert.All(messages, m =>
        {
            Assert.Equal(subject, m.Subject);
            // The issued PDF, named after its symbol ("01-KH-PGDĐT.pdf"), never the upload.
            Assert.Equal([plan.GetProperty("symbol").GetString()!.Replace('/', '-') + ".pdf"], m.Attachments);
            Assert.True(m.AttachmentSizes[0] > 1000);
            Assert.Contains("Kế hoạch số " + plan.GetProperty("symbol").GetString(), m.Body);
            Assert.EndsWith("@workflows.local>", m.MessageId);
        });
        Assert.Equal(deliveries.Select(d => d.GetProperty("messageId").GetString()).Order(), messages.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task The_dev_mail_page_lists_the_released_messages_to_an_admin_and_serves_each_eml()
    {
        var planId = await CreateWithRecipientsAsync(_flow, "Kế hoạch thử trang thư đã gửi", "Sở GDĐT Quảng Ninh", "UBND TP");
        await _flow.ReleaseAsync(planId);
        await SettledAsync(_flow, planId);
        var symbol = (await _flow.PlanAsync(planId)).GetProperty("symbol").GetString();

        var admin = await _app.SignInAsync("quantri");
        var page = await admin.GetAsync("/dev/mail");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"[{symbol}] Kế hoạch thử trang thư đã gửi", html);
        Assert.Contains("vanphong@sogddt.quangninh.example.org", html);
        Assert.Contains("vanphong@ubnd.uongbi.example.org", html);

        var file = Path.GetFileName(Directory.GetFiles(_folder, "*.eml").First());
        Assert.Contains($"/dev/mail/{file}", html);
        var eml = await admin.GetAsync($"/dev/mail/{file}");
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        Assert.Equal("message/rfc822", eml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Message-ID:", await eml.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dev/mail/..%2Fappsettings.json")).StatusCode);

        var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync("/dev/mail");
        Assert.False(refused.IsSuccessStatusCode);
        Assert.DoesNotContain("vanphong@", await refused.Content.ReadAsStringAsync());
    }

    private static IReadOnlyList<Eml> Read(string[] files)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Distribution", "read_eml.py"));
        foreach (var f in files) info.ArgumentList.Add(f);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr.Result);
        return JsonSerializer.Deserialize<Eml[]>(stdout.Result, JsonSerializerOptions.Web)!;
    }
}
