using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>
/// The Sở GD&amp;ĐT's flow (<c>plan-approval-so</c>) through the pages only: the chuyên viên submits, the trưởng phòng chuyên
/// môn approves, the Phòng TCCB and the Phòng KH-TC are consulted at once (each by its own head, both must agree), the phó
/// giám đốc phụ trách approves and signs "KT. GIÁM ĐỐC", the văn thư numbers and releases; the plan page shows each
/// branch's answer and the diagram with the step where the plan waits.
/// </summary>
public sealed class DepartmentFlowBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string CurrentFill = "#fef3c7";
    private const string DoneFill = "#dcfce7";

    private const string PlanText =
        """
        UBND TỈNH QUẢNG NINH
        SỞ GIÁO DỤC VÀ ĐÀO TẠO

        Số: /KH-SGDĐT

        CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc

        Quảng Ninh, ngày 05 tháng 01 năm 2026

        KẾ HOẠCH
        Tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh cấp trung học năm học 2025-2026

        Căn cứ Thông tư số 22/2019/TT-BGDĐT ngày 20/12/2019 của Bộ Giáo dục và Đào tạo ban hành Quy định về Hội thi giáo viên dạy giỏi cơ sở giáo dục mầm non; giáo viên dạy giỏi, giáo viên chủ nhiệm lớp giỏi cơ sở giáo dục phổ thông;

        I. MỤC ĐÍCH, YÊU CẦU
        Phát hiện, tôn vinh giáo viên có năng lực chuyên môn vững vàng; tạo điều kiện để giáo viên học tập, chia sẻ kinh nghiệm.

        II. NỘI DUNG
        Hội thi tổ chức tại thành phố Uông Bí từ ngày 02/3/2026 đến ngày 06/3/2026.

        Nơi nhận:
        - UBND thành phố Uông Bí;
        - Lưu: VT, GDTrH.

        GIÁM ĐỐC

        Hoàng Văn Nam
        """;

    /// <summary>A page's visible text has no internal code; then a screenshot at its width and one at 390 px.</summary>
    private static Task ShotAsync(IPage page, string name) => BrowserFixture.StoryShotAsync(page, name, mustFit390: false);

    /// <summary>The nodes of the plan page's diagram marked with <paramref name="mark"/> (<c>current</c> or <c>done</c>): title and fill.</summary>
    private static async Task<IReadOnlyList<(string Title, string Fill)>> MarkedAsync(IPage page, string mark)
    {
        var json = await page.EvaluateAsync<string>(
            """
            mark => JSON.stringify(Array.from(document.querySelectorAll('[data-testid=so-do-ke-hoach] svg g.node.' + mark)).map(g => ({
                title: g.querySelector('title')?.textContent ?? '',
                fill: g.querySelector('path, polygon, ellipse')?.getAttribute('fill') ?? '' })))
            """, mark);
        return JsonSerializer.Deserialize<List<JsonElement>>(json)!
            .Select(e => (e.GetProperty("title").GetString()!, e.GetProperty("fill").GetString()!)).ToList();
    }

    [Fact]
    public async Task A_plan_of_the_department_goes_through_a_parallel_consultation_of_two_offices_to_a_KT_signature_and_release_with_its_diagram_marking_where_it_waits()
    {
        // The chuyên viên of the Sở uploads the plan and submits it: the Sở's rule gives it the consultation flow.
        var file = Path.Combine(Path.GetTempPath(), $"ke-hoach-hoi-thi-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, PlanText);
        var drafter = await fixture.SignInAsync("chuyenvien.so");
        await drafter.GetByRole(AriaRole.Link, new() { Name = "Tải kế hoạch lên" }).First.ClickAsync();
        await drafter.GetByLabel("Tệp kế hoạch").SetInputFilesAsync(file);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex("/ke-hoach/[0-9a-f-]{36}/sua"));
        var planUrl = Regex.Match(drafter.Url, "/ke-hoach/[0-9a-f-]{36}").Value;
        await Expect(drafter.GetByLabel("Trích yếu")).ToHaveValueAsync(new Regex("^Tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh"));
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lưu và trình" }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex(Regex.Escape(planUrl) + "\\?"));
        await Expect(drafter.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ kiểm tra");

        // The trưởng phòng chuyên môn approves: both offices are asked at once.
        var head = await fixture.SignInAsync("truongphong.gdtrh.so");
        await Expect(head.GetByTestId("viec")).ToContainTextAsync("Trưởng phòng chuyên môn kiểm tra");
        await head.GetByTestId("viec").GetByRole(AriaRole.Link).ClickAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Đồng ý, lấy ý kiến các phòng" }).ClickAsync();
        await Expect(head.GetByTestId("trang-thai")).ToHaveTextAsync("Đang lấy ý kiến các đơn vị");
        var branches = head.GetByTestId("nhanh");
        await Expect(branches).ToHaveCountAsync(2);
        await Expect(branches.GetByTestId("nhanh-ket-qua")).ToHaveTextAsync(["Chờ ý kiến", "Chờ ý kiến"]);
        var current = await MarkedAsync(head, "current");
        Assert.Contains(current, n => n.Title.StartsWith("Ý kiến Phòng Tổ chức cán bộ — đang xử lý", StringComparison.Ordinal) && n.Fill == CurrentFill);
        Assert.Contains(current, n => n.Title.StartsWith("Ý kiến Phòng Kế hoạch – Tài chính — đang xử lý", StringComparison.Ordinal) && n.Fill == CurrentFill);
        Assert.Contains(await MarkedAsync(head, "done"), n => n.Title.StartsWith("Trưởng phòng chuyên môn kiểm tra — đã xong", StringComparison.Ordinal) && n.Fill == DoneFill);
        await ShotAsync(head, "so-01-lay-y-kien");

        // The head of Phòng TCCB finds the branch in the inbox and agrees with a comment.
        var tccb = await fixture.SignInAsync("truongphong.tccb.so");
        await Expect(tccb.GetByTestId("viec")).ToContainTextAsync("Ý kiến Phòng Tổ chức cán bộ");
        await tccb.GetByTestId("viec").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(tccb.Locator("#xu-ly")).ToHaveTextAsync("Xử lý: Ý kiến Phòng Tổ chức cán bộ");
        await ShotAsync(tccb, "so-02-y-kien-tccb");
        await tccb.GetByTestId("form-agree").GetByLabel("Ý kiến của đơn vị (không bắt buộc)").FillAsync("Thống nhất thành phần ban giám khảo.");
        await tccb.GetByTestId("form-agree").GetByRole(AriaRole.Button, new() { Name = "Đồng ý" }).ClickAsync();
        await Expect(tccb.GetByTestId("thong-bao")).ToHaveTextAsync("Đã ghi ý kiến đồng ý.");
        await Expect(tccb.GetByTestId("trang-thai")).ToHaveTextAsync("Đang lấy ý kiến các đơn vị");
        // Its answer is on the plan page: the office, who answered, the outcome and the comment; the other office still waits.
        var tccbRow = tccb.GetByTestId("nhanh").Filter(new() { HasText = "Ý kiến Phòng Tổ chức cán bộ" });
        await Expect(tccbRow).ToHaveAttributeAsync("data-state", "completed");
        await Expect(tccbRow).ToContainTextAsync("Phòng Tổ chức cán bộ (góp ý)");
        await Expect(tccbRow.GetByTestId("nhanh-nguoi")).ToContainTextAsync("Phan Thị Hạnh");
        await Expect(tccbRow.GetByTestId("nhanh-ket-qua")).ToContainTextAsync("Đồng ý");
        await Expect(tccbRow.GetByTestId("nhanh-y-kien")).ToHaveTextAsync("Thống nhất thành phần ban giám khảo.");
        var khtcRow = tccb.GetByTestId("nhanh").Filter(new() { HasText = "Ý kiến Phòng Kế hoạch – Tài chính" });
        await Expect(khtcRow.GetByTestId("nhanh-ket-qua")).ToHaveTextAsync("Chờ ý kiến");
        // The diagram: the TCCB branch answered (green), the KH-TC branch where the plan waits (amber).
        current = await MarkedAsync(tccb, "current");
        Assert.Contains(current, n => n.Title.StartsWith("Ý kiến Phòng Kế hoạch – Tài chính — đang xử lý", StringComparison.Ordinal) && n.Fill == CurrentFill);
        Assert.DoesNotContain(current, n => n.Title.StartsWith("Ý kiến Phòng Tổ chức cán bộ", StringComparison.Ordinal));
        Assert.Contains(await MarkedAsync(tccb, "done"), n => n.Title.StartsWith("Ý kiến Phòng Tổ chức cán bộ — đã trả lời", StringComparison.Ordinal) && n.Fill == DoneFill);
        await Expect(tccb.GetByTestId("lich-su").Filter(new() { HasText = "Đồng ý — Ý kiến Phòng Tổ chức cán bộ" })).ToContainTextAsync("Thống nhất thành phần ban giám khảo.");
        await ShotAsync(tccb, "so-03-mot-phong-da-y-kien");

        // The other branch is another office's: the TCCB head has nothing more to do on it.
        await Expect(tccb.Locator("#xu-ly")).ToHaveCountAsync(0);
        var khtc = await fixture.SignInAsync("truongphong.khtc.so");
        await khtc.GotoAsync(planUrl);
        await khtc.GetByTestId("form-agree").GetByRole(AriaRole.Button, new() { Name = "Đồng ý" }).ClickAsync();
        await Expect(khtc.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ lãnh đạo phụ trách duyệt");
        await Expect(khtc.GetByTestId("nhanh").GetByTestId("nhanh-ket-qua")).ToContainTextAsync([new Regex("^Đồng ý"), new Regex("^Đồng ý")]);
        await Expect(khtc.GetByTestId("lich-su").Filter(new() { HasText = "Lấy ý kiến các phòng: Các phòng thống nhất" })).ToHaveCountAsync(1);

        // The phó giám đốc phụ trách approves, then signs in the director's place (KT.).
        var deputy = await fixture.SignInAsync("phogiamdoc.so");
        await deputy.GotoAsync(planUrl);
        var deputyStep = Assert.Single(await MarkedAsync(deputy, "current"));
        Assert.StartsWith("Phó giám đốc phụ trách duyệt — đang xử lý", deputyStep.Title);
        Assert.Equal(CurrentFill, deputyStep.Fill);
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Đồng ý, trình ký" }).ClickAsync();
        await Expect(deputy.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ ký ban hành");
        await deputy.GotoAsync(planUrl);
        Assert.Contains(await MarkedAsync(deputy, "current"), n => n.Title.StartsWith("Ký ban hành — đang xử lý", StringComparison.Ordinal) && n.Fill == CurrentFill);
        await ShotAsync(deputy, "so-04-ky");
        await deputy.GetByLabel("Hình thức ký").SelectOptionAsync("KT.");
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Ký ban hành" }).ClickAsync();
        await Expect(deputy.GetByTestId("xac-nhan-chuc-danh")).ToHaveTextAsync("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC");
        await Expect(deputy.GetByTestId("xac-nhan-nguoi-ky")).ToHaveTextAsync("Nguyễn Thị Thanh");
        await deputy.GetByRole(AriaRole.Button, new() { Name = "Xác nhận ký ban hành" }).ClickAsync();
        await Expect(deputy.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await Expect(deputy.GetByTestId("khoi-ky")).ToContainTextAsync("KT. GIÁM ĐỐC");

        // The văn thư of the Sở numbers and releases.
        var clerk = await fixture.SignInAsync("vanthu.so");
        await clerk.GotoAsync(planUrl);
        await Expect(clerk.GetByTestId("so-se-cap")).ToHaveTextAsync("01/KH-SGDĐT");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã phát hành");
        await Expect(clerk.GetByTestId("so-ky-hieu")).ToHaveTextAsync("Số: 01/KH-SGDĐT");
        var history = clerk.GetByTestId("lich-su");
        await Expect(history.Filter(new() { HasText = "Đồng ý — Ý kiến Phòng Kế hoạch – Tài chính" })).ToContainTextAsync("Đinh Văn Khoa");
        await Expect(history.Filter(new() { HasText = "Ký ban hành (KT. GIÁM ĐỐC)" })).ToContainTextAsync("Nguyễn Thị Thanh");
        await Expect(history.Filter(new() { HasText = "Cấp số và phát hành" })).ToContainTextAsync("Trần Thị Yến");
        // Released: nothing is current any more, every step of the path taken is done, the consultation stays on the page.
        Assert.Empty(await MarkedAsync(clerk, "current"));
        var done = (await MarkedAsync(clerk, "done")).Select(n => n.Title).ToList();
        foreach (var step in new[] { "Trưởng phòng chuyên môn kiểm tra", "Ý kiến Phòng Tổ chức cán bộ", "Ý kiến Phòng Kế hoạch – Tài chính", "Phó giám đốc phụ trách duyệt", "Ký ban hành", "Cấp số, phát hành" })
            Assert.Contains(done, t => t.StartsWith(step + " — ", StringComparison.Ordinal));
        await Expect(clerk.GetByTestId("nhanh")).ToHaveCountAsync(2);
        await ShotAsync(clerk, "so-05-da-phat-hanh");

        File.Delete(file);
        foreach (var page in new[] { drafter, head, tccb, khtc, deputy, clerk }) await page.Context.CloseAsync();
    }
}
