using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>The Host of the scan upload test (its own database and OCR queue).</summary>
public sealed class ScanUploadBrowserFixture : BrowserFixture;

/// <summary>A drafter uploads a photo of a plan: the page shows the OCR's progress, then opens the correction form.</summary>
public sealed class ScanUploadBrowserTests(ScanUploadBrowserFixture fixture) : IClassFixture<ScanUploadBrowserFixture>
{
    [Fact]
    public async Task A_photographed_plan_shows_its_reading_progress_and_then_opens_the_correction_form_with_the_fields_and_warnings()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "tests", "Workflows.UnitTests", "Reading", "Samples",
            "xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt"));
        var photo = Path.Combine(Path.GetTempPath(), $"ke-hoach-12-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, await Scans.Png(PlanPdfLayout.FromText(text), 300));
        try
        {
            var drafter = await fixture.SignInAsync("congchuc.phuong");
            await drafter.GotoAsync("/ke-hoach/tai-len");
            await drafter.GetByLabel("Tệp kế hoạch").SetInputFilesAsync(photo);
            await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();

            await drafter.WaitForURLAsync(new Regex("/ke-hoach/tai-len/nhan-dang/[0-9a-f-]{36}$"));
            await Expect(drafter.GetByRole(AriaRole.Heading, new() { Name = "Nhận dạng bản quét" })).ToBeVisibleAsync();
            await Expect(drafter.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex("Đang chờ đến lượt nhận dạng|Đang nhận dạng chữ"));
            await BrowserFixture.ShotAsync(drafter, "scan-01-nhan-dang");

            await drafter.WaitForURLAsync(new Regex("/ke-hoach/[0-9a-f-]{36}/sua"), new() { Timeout = 180_000 });
            await Expect(drafter.GetByLabel("Họ và tên")).ToHaveValueAsync("Lê Văn Cường");
            await Expect(drafter.GetByTestId("canh-bao")).ToContainTextAsync("trong danh bạ");
            await BrowserFixture.ShotAsync(drafter, "scan-02-sua");
        }
        finally
        {
            File.Delete(photo);
        }
    }
}
