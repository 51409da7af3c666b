using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Workflows.BrowserTests.Ui;

/// <summary>
/// The Host on a real port (Kestrel on 127.0.0.1, its own PostgreSQL database, the test clock, the pickup mail
/// transport into a temporary folder) and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    internal WorkflowsApp App { get; private set; } = null!;
    internal IBrowser Browser { get; private set; } = null!;
    internal string BaseUrl { get; private set; } = "";
    internal string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"ui-mail-{Guid.NewGuid():N}");

    /// <summary>Where the tests save a screenshot of each page (under the test output folder, ignored by git).</summary>
    internal static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Assertions.SetDefaultExpectTimeout(15_000);
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:Distribution:Transport"] = "Pickup",
            ["Workflows:Distribution:PickupDirectory"] = MailFolder,
            ["Workflows:Distribution:Smtp:From"] = "vanthu@pgddt.uongbi.example.org",
            ["Workflows:Distribution:PollMilliseconds"] = "100",
        };
        foreach (var (key, value) in ExtraSettings()) settings[key] = value;
        App = new WorkflowsApp(clock: CreateClock(), settings: settings);
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>The Host's clock; the real now unless a fixture needs a fixed date.</summary>
    private protected virtual FakeTimeProvider CreateClock() => new(DateTimeOffset.UtcNow);

    /// <summary>Settings added to the Host's.</summary>
    private protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
        if (Directory.Exists(MailFolder)) Directory.Delete(MailFolder, recursive: true);
    }

    /// <summary>A new browser context (own cookies) signed in as <paramref name="userName"/> through the sign-in page.</summary>
    internal async Task<IPage> SignInAsync(string userName, int width = 1280, int height = 900, string password = "demo")
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "vi-VN" });
        // Generous limits: the machine is shared and a slow moment must not fail a test (the assertions still wait for the right text).
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dang-nhap");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            // Until the inbox's URL is committed and its main region is there: not the "load" event, which Playwright
            // once missed after the sign-in's redirect (network idle seen, load never reported) and waited 60 s for.
            await page.WaitForURLAsync("**/hop-thu", new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("main").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{userName} was not signed in: still at {page.Url} showing \"{await page.Locator("main").InnerTextAsync()}\"", e);
        }
        return page;
    }

    /// <summary>Saves a full-page screenshot named <paramref name="name"/>.png.</summary>
    internal static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <summary>
    /// A page of a story: no internal code on it (<see cref="CodeWords"/>), then a screenshot at its width and, for a
    /// desktop page, one at 390 px too (named <paramref name="name"/>-390); with <paramref name="mustFit390"/> the page
    /// must also not scroll sideways at 390 px. The viewport is put back afterwards.
    /// </summary>
    internal static async Task StoryShotAsync(IPage page, string name, bool mustFit390)
    {
        await CodeWords.AssertNoneAsync(page);
        await ShotAsync(page, name);
        if (page.ViewportSize is not { Width: > 390 } size) return;
        await page.SetViewportSizeAsync(390, 844);
        if (mustFit390) Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, $"{page.Url} fits 390 px");
        await ShotAsync(page, name + "-390");
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
