using Microsoft.Playwright;

namespace Workflows.Tests.Ui;

public sealed class UiSmokeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_signed_in_drafter_sees_the_inbox_with_their_name()
    {
        var page = await fixture.SignInAsync("chuyenvien");
        Assert.Contains("Nguyễn Thị Lan", await page.GetByTestId("nguoi-dung").InnerTextAsync());
        await BrowserFixture.ShotAsync(page, "00-hop-thu");
        await page.Context.CloseAsync();
    }
}
