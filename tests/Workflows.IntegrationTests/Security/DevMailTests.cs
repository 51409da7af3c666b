using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using Workflows.IntegrationTests.Submissions;

namespace Workflows.IntegrationTests.Security;

/// <summary>
/// <c>/dev/mail</c>: off in Production unless its setting turns it on, Admins only, their body's messages only, the
/// schools' submission links masked. Each office reissues one school's link, so the pickup folder holds one message
/// of each body carrying a live link.
/// </summary>
public sealed partial class DevMailTests : IAsyncLifetime
{
    private readonly List<(WorkflowsApp App, string Folder)> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (app, folder) in _apps)
        {
            await app.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private WorkflowsApp Start(string? environment = null, bool? enabled = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"devmail-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:Distribution:Transport"] = "Pickup",
            ["Workflows:Distribution:PickupDirectory"] = folder,
            ["Workflows:Distribution:Smtp:From"] = "vanthu@pgddt.uongbi.example.org",
            ["Workflows:Distribution:PollMilliseconds"] = "100",
            ["Workflows:Reporting:PublicBaseUrl"] = "https://baocao.example.vn",
        };
        if (environment is not null) settings["environment"] = environment;
        if (enabled is not null) settings["Workflows:DevMail:Enabled"] = enabled.Value ? "true" : "false";
        var app = new WorkflowsApp(clock: new FakeTimeProvider(SubmissionFixture.Start.ToUniversalTime()), settings: settings);
        _apps.Add((app, folder));
        return app;
    }

    /// <summary>One request of the Uông Bí office and one of the provincial department, each link reissued by an officer of its body.</summary>
    private static async Task<(string OurFile, string OurToken, string TheirFile)> TwoBodiesMailAsync(WorkflowsApp app, string folder)
    {
        using (app.CreateClient()) { }
        async Task<RequestRow> RequestAsync(string body, string school, string address)
        {
            var schedule = await ReportingRows.ScheduleAsync(app.ConnectionString, SubmissionFixture.Title, body, null);
            var period = await ReportingRows.PeriodAsync(app.ConnectionString, schedule, "2026-03", "Tháng 3/2026", new DateOnly(2026, 2, 15),
                new DateOnly(2026, 3, 14), new DateOnly(2026, 3, 15), SubmissionFixture.Deadline, SubmissionFixture.ClosesAt);
            return await ReportingRows.RequestAsync(app.ConnectionString, schedule, period, school, address);
        }
        var ours = await RequestAsync("PGDĐT", "Trường THCS Lê Lợi", "lethcs@uongbi.example.org");
        var theirs = await RequestAsync("SGDĐT", "Trường THPT Hòn Gai", "thpthongai@quangninh.example.org");
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("vanthu")).PostAsync($"/api/reporting/requests/{ours.RequestId}/reissue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("chuyenvien.so")).PostAsync($"/api/reporting/requests/{theirs.RequestId}/reissue", null)).StatusCode);

        string? ourFile = null, theirFile = null, token = null;
        for (var i = 0; i < 200 && (ourFile is null || theirFile is null); i++)
        {
            await Task.Delay(100);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.GetFiles(folder, "*.eml"))
            {
                var raw = await File.ReadAllTextAsync(file);
                if (raw.Contains(ours.Address, StringComparison.Ordinal))
                    (ourFile, token) = (Path.GetFileName(file), Link().Match((await Host.Ui.EmlPreview.ReadAsync(file, CancellationToken.None)).Body).Groups[1].Value);
                if (raw.Contains(theirs.Address, StringComparison.Ordinal)) theirFile = Path.GetFileName(file);
            }
        }
        Assert.NotNull(ourFile);
        Assert.NotNull(theirFile);
        Assert.True(token is { Length: > 20 }, "the reissued link is in the .eml");
        return (ourFile, token!, theirFile);
    }

    [Fact]
    public async Task An_admin_sees_only_their_bodys_messages_with_the_schools_submission_links_masked()
    {
        var app = Start();
        var (ourFile, token, theirFile) = await TwoBodiesMailAsync(app, _apps[^1].Folder);
        var admin = await app.SignInAsync("quantri");

        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/dev/mail"));
        Assert.Contains("lethcs@uongbi.example.org", list);
        Assert.Contains(ourFile, list);
        Assert.DoesNotContain("thpthongai@quangninh.example.org", list);
        Assert.DoesNotContain(theirFile, list);

        var shown = WebUtility.HtmlDecode(await admin.GetStringAsync($"/dev/mail?xem={Uri.EscapeDataString(ourFile)}"));
        Assert.Contains($"/nop-bao-cao/{token[..4]}…", shown);
        Assert.DoesNotContain(token, shown);
        var other = await admin.GetAsync($"/dev/mail?xem={Uri.EscapeDataString(theirFile)}");
        Assert.DoesNotContain("thpthongai@quangninh.example.org", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Only_an_admin_may_open_dev_mail_and_another_role_gets_403()
    {
        var app = Start();
        var clerk = await app.SignInAsync("vanthu");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/dev/mail")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/dev/mail/any.eml")).StatusCode);
        Assert.DoesNotContain("href=\"/dev/mail\"", await clerk.GetStringAsync("/hop-thu"));
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync("/dev/mail");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/dang-nhap", refused.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("quantri")).GetAsync("/dev/mail")).StatusCode);
    }

    [Fact]
    public async Task In_Production_dev_mail_is_off_unless_its_setting_enables_it_and_then_serves_no_raw_eml()
    {
        var off = Start("Production");
        var offAdmin = await off.SignInAsync("quantri");
        Assert.Equal(HttpStatusCode.NotFound, (await offAdmin.GetAsync("/dev/mail")).StatusCode);
        Assert.DoesNotContain("href=\"/dev/mail\"", await offAdmin.GetStringAsync("/hop-thu"));

        var on = Start("Production", enabled: true);
        var (ourFile, token, _) = await TwoBodiesMailAsync(on, _apps[^1].Folder);
        var admin = await on.SignInAsync("quantri");
        var page = await admin.GetAsync("/dev/mail");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(ourFile, html);
        Assert.DoesNotContain($"href=\"/dev/mail/{ourFile}\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/dev/mail/{ourFile}")).StatusCode);
        Assert.DoesNotContain(token, WebUtility.HtmlDecode(await admin.GetStringAsync($"/dev/mail?xem={Uri.EscapeDataString(ourFile)}")));
    }

    [GeneratedRegex("/nop-bao-cao/([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
