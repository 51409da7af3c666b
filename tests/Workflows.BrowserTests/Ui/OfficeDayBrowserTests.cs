using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>
/// A working day with many rows: the plans list searched, filtered and paged, the inbox approving several review
/// tasks at once, a draft deleted by its drafter; every page checked for internal codes and shot at 1280 and 390 px.
/// </summary>
public sealed class OfficeDayBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static Task ShotAsync(IPage page, string name) => BrowserFixture.StoryShotAsync(page, name, mustFit390: true);

    [Fact]
    public async Task The_plans_list_finds_a_plan_by_its_words_filters_by_status_and_pages_fifty_at_a_time_with_counts()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        for (var i = 1; i <= 52; i++) await flow.CreateAsync($"Kế hoạch bồi dưỡng thường xuyên giáo viên đợt {i:00}");
        var submitted = await flow.CreateAsync("Kế hoạch bồi dưỡng thường xuyên cán bộ quản lý");
        await flow.SubmitAsync(submitted);

        var drafter = await fixture.SignInAsync("chuyenvien");
        await drafter.GotoAsync("/ke-hoach");
        await drafter.GetByLabel("Tìm theo trích yếu hoặc số, ký hiệu").FillAsync("bồi dưỡng thường xuyên");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(drafter.GetByTestId("ket-qua")).ToHaveTextAsync("53 kế hoạch · trang 1/2");
        await Expect(drafter.GetByTestId("ke-hoach")).ToHaveCountAsync(50);
        await Expect(drafter.GetByTestId("dem-trang-thai")).ToContainTextAsync("Đang soạn thảo: 52");
        await Expect(drafter.GetByTestId("dem-trang-thai")).ToContainTextAsync("Chờ kiểm tra: 1");
        await Expect(drafter.GetByTestId("ke-hoach").First).ToContainTextAsync("Kế hoạch");
        await Expect(drafter.GetByTestId("ke-hoach").First).ToContainTextAsync("Nguyễn Thị Lan, Chuyên viên");
        await ShotAsync(drafter, "40-ke-hoach-tim");

        await drafter.GetByTestId("phan-trang").GetByRole(AriaRole.Link, new() { Name = "Trang sau ›" }).ClickAsync();
        await Expect(drafter.GetByTestId("ket-qua")).ToHaveTextAsync("53 kế hoạch · trang 2/2");
        await Expect(drafter.GetByTestId("ke-hoach")).ToHaveCountAsync(3);
        Assert.Contains("q=", drafter.Url);

        await drafter.GetByLabel("Trạng thái", new() { Exact = true }).SelectOptionAsync("in-review");
        await drafter.GetByLabel("Sắp xếp").SelectOptionAsync("trich-yeu");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(drafter.GetByTestId("ke-hoach")).ToHaveCountAsync(1);
        await Expect(drafter.GetByTestId("ke-hoach").GetByTestId("trang-thai")).ToHaveTextAsync("Chờ kiểm tra");

        await drafter.GotoAsync("/ke-hoach?q=kh%C3%B4ng-c%C3%B3-k%E1%BA%BF-ho%E1%BA%A1ch-n%C3%A0y");
        await Expect(drafter.GetByTestId("khong-co")).ToHaveTextAsync("Không có kế hoạch nào khớp điều kiện tìm.");
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task A_footnote_mark_stands_raised_in_the_plans_body_links_to_its_footnote_and_back_and_the_drafter_moves_it_in_the_form()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));

        var drafter = await fixture.SignInAsync("chuyenvien");
        await drafter.GotoAsync($"/ke-hoach/{planId}");
        var document = drafter.GetByTestId("van-ban");
        var marks = document.Locator(".body").GetByTestId("dau-chu-thich");
        await Expect(marks).ToHaveTextAsync(["1", "2", "3", "4", "5", "6", "7"]);
        var first = marks.First;
        // Raised after "năm 2023", before the full stop, in a smaller size than the body.
        Assert.Equal("super", await first.EvaluateAsync<string>("e => getComputedStyle(e).verticalAlign"));
        Assert.EndsWith("năm 2023", await first.EvaluateAsync<string>("e => e.previousSibling.textContent"));
        Assert.StartsWith(".", await first.EvaluateAsync<string>("e => e.nextSibling.textContent"));
        Assert.True(await first.EvaluateAsync<bool>("e => parseFloat(getComputedStyle(e).fontSize) < parseFloat(getComputedStyle(e.parentElement).fontSize)"));
        await ShotAsync(drafter, "44-chu-thich-dau");

        // The mark leads to its footnote, and the footnote's number back to the mark.
        await first.GetByRole(AriaRole.Link, new() { Name = "Chú thích 1" }).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(new Regex("#chu-thich-1$"));
        var note = drafter.GetByTestId("chu-thich").Locator("p:target");
        await Expect(note).ToContainTextAsync("1 Chủ đề năm học 2022-2023 của ngành");
        await Expect(note).ToBeInViewportAsync();
        await ShotAsync(drafter, "45-chu-thich-noi-dung");
        await note.GetByRole(AriaRole.Link, new() { Name = "Về dấu chú thích 1 trong nội dung" }).ClickAsync();
        await Expect(drafter).ToHaveURLAsync(new Regex("#dau-chu-thich-1$"));
        await Expect(first).ToBeInViewportAsync();
        // Printed, the marks stay raised in the body.
        await drafter.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(first).ToBeVisibleAsync();
        await drafter.EmulateMediaAsync(new() { Media = Media.Screen });

        // In the form the marks stand in the body as superscripts; a mark deleted is refused next to the body, in Vietnamese.
        await drafter.GotoAsync($"/ke-hoach/{planId}/sua");
        var body = drafter.GetByLabel("Nội dung (mỗi đoạn một dòng)");
        var text = await body.InputValueAsync();
        Assert.Contains("năm 2023¹.", text);
        Assert.Contains("04 trường².", text);
        await body.FillAsync(text.Replace("04 trường².", "04 trường.", StringComparison.Ordinal));
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await Expect(drafter.GetByTestId("loi-noi-dung")).ToHaveTextAsync("Chú thích 2 không còn dấu ² trong nội dung: đặt lại dấu ² ngay sau chữ được chú thích, hoặc xóa chú thích 2.");
        await ShotAsync(drafter, "46-chu-thich-mat-dau");

        // The drafter moves the first mark after "năm" instead: the plan shows it there.
        await body.FillAsync(text.Replace("năm 2023¹.", "năm¹ 2023.", StringComparison.Ordinal));
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex("luu=true"));
        await drafter.GotoAsync($"/ke-hoach/{planId}");
        await Expect(marks).ToHaveCountAsync(7);
        Assert.EndsWith("đào tạo năm", await marks.First.EvaluateAsync<string>("e => e.previousSibling.textContent"));
        Assert.StartsWith(" 2023.", await marks.First.EvaluateAsync<string>("e => e.nextSibling.textContent"));
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_approves_several_review_tasks_at_once_and_a_drafter_deletes_a_draft_after_confirming()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var ids = new List<Guid>();
        foreach (var name in new[] { "Tiểu học Nam Khê", "Tiểu học Quang Trung", "THCS Yên Thanh" })
        {
            var id = await flow.CreateAsync($"Kế hoạch kiểm tra chuyên đề trường {name} năm 2027");
            await flow.SubmitAsync(id);
            ids.Add(id);
        }
        var reviewer = await fixture.SignInAsync("photruongphong");
        await reviewer.GetByLabel("Tìm theo trích yếu").FillAsync("kiểm tra chuyên đề");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(reviewer.GetByTestId("viec")).ToHaveCountAsync(3);
        await reviewer.GetByLabel("Chọn “Kế hoạch kiểm tra chuyên đề trường Tiểu học Nam Khê năm 2027” để đồng ý").CheckAsync();
        await reviewer.GetByLabel("Chọn “Kế hoạch kiểm tra chuyên đề trường THCS Yên Thanh năm 2027” để đồng ý").CheckAsync();
        await ShotAsync(reviewer, "41-hop-thu-chon-nhieu");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Đồng ý các việc đã chọn" }).ClickAsync();
        await Expect(reviewer.GetByTestId("thong-bao")).ToHaveTextAsync("Đã đồng ý, trình ký 2 kế hoạch.");
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(ids[0])).GetProperty("status").GetString());
        Assert.Equal("in-review", (await flow.PlanAsync(ids[1])).GetProperty("status").GetString());
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(ids[2])).GetProperty("status").GetString());
        await reviewer.GotoAsync($"/ke-hoach/{ids[0]}");
        await Expect(reviewer.GetByTestId("lich-su").Filter(new() { HasText = "Đồng ý — Kiểm tra" })).ToContainTextAsync("Phạm Văn Hùng, Phó trưởng phòng");
        await reviewer.Context.CloseAsync();

        var draft = await flow.CreateAsync("Kế hoạch tổ chức ngày hội đọc sách (bản nháp thừa)");
        var drafter = await fixture.SignInAsync("chuyenvien");
        var row = drafter.GetByTestId("ban-thao").Filter(new() { HasText = "ngày hội đọc sách" });
        await row.GetByText("Xóa bản thảo").First.ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Xóa bản thảo" }).ClickAsync();
        await Expect(drafter.GetByTestId("loi")).ToContainTextAsync("Đánh dấu ô xác nhận để xóa bản thảo.");
        Assert.Equal("draft", (await flow.PlanAsync(draft)).GetProperty("status").GetString());
        row = drafter.GetByTestId("ban-thao").Filter(new() { HasText = "ngày hội đọc sách" });
        await row.GetByText("Xóa bản thảo").First.ClickAsync();
        await row.GetByLabel(new Regex("Tôi xác nhận xóa bản thảo")).CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Xóa bản thảo" }).ClickAsync();
        await Expect(drafter.GetByTestId("thong-bao")).ToHaveTextAsync("Đã xóa bản thảo.");
        await Expect(drafter.GetByTestId("ban-thao").Filter(new() { HasText = "ngày hội đọc sách" })).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await flow.Drafter.GetAsync($"/api/plans/{draft}")).StatusCode);
        // A plan already submitted is no draft: the API refuses to delete it.
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await flow.Drafter.DeleteAsync($"/api/plans/{ids[1]}")).StatusCode);
        await ShotAsync(drafter, "42-hop-thu-da-xoa-ban-thao");
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task The_directory_and_a_plans_delivery_list_are_searched_without_diacritics_filtered_and_paged_with_counts()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        var csv = new System.Text.StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= 55; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Trường Mầm non Hoa Sen số {i:00},school,hoasen{i:00}@truong.example.org,Các trường Hoa Sen,\n");
        (await admin.PostAsync("/api/directory/import", new StringContent(csv.ToString(), System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var directory = await fixture.SignInAsync("quantri");
        await directory.GotoAsync("/quan-tri/danh-ba");
        await directory.GetByLabel("Tên hoặc tên gọi khác").FillAsync("truong mam non hoa sen");
        await directory.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(directory.GetByTestId("ket-qua")).ToHaveTextAsync("55 mục · trang 1/2");
        await Expect(directory.GetByTestId("muc-danh-ba")).ToHaveCountAsync(50);
        await Expect(directory.GetByTestId("dem-loai")).ToContainTextAsync("Trường học: 55");
        await Expect(directory.GetByTestId("muc-danh-ba").First).ToContainTextAsync("Trường Mầm non Hoa Sen số 01");
        await ShotAsync(directory, "43-danh-ba-tim");
        await directory.GetByTestId("phan-trang").GetByRole(AriaRole.Link, new() { Name = "Trang sau ›" }).ClickAsync();
        await Expect(directory.GetByTestId("ket-qua")).ToHaveTextAsync("55 mục · trang 2/2");
        await Expect(directory.GetByTestId("muc-danh-ba")).ToHaveCountAsync(5);
        await directory.GetByLabel("Loại", new() { Exact = true }).SelectOptionAsync("group");
        await directory.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(directory.GetByTestId("khong-co")).ToHaveTextAsync("Không có mục nào khớp điều kiện tìm.");
        await directory.Context.CloseAsync();

        var flow = await PlanFlow.StartAsync(fixture.App);
        var id = await DistributionFlow.CreateWithRecipientsAsync(flow, "Kế hoạch tổ chức Tết Trung thu cho trẻ mầm non năm 2026", "Các trường Hoa Sen");
        await flow.ReleaseAsync(id);
        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GotoAsync($"/ke-hoach/{id}");
        // The panel refreshes itself until every message has left.
        await Expect(clerk.GetByTestId("dem-da-gui")).ToHaveTextAsync("55", new() { Timeout = 60_000 });
        await Expect(clerk.GetByTestId("ket-qua-giao-nhan")).ToHaveTextAsync("55 người nhận · trang 1/2");
        await Expect(clerk.GetByTestId("thu")).ToHaveCountAsync(50);
        await clerk.GetByTestId("giao-nhan").GetByRole(AriaRole.Link, new() { Name = "Trang sau ›" }).ClickAsync();
        await Expect(clerk.GetByTestId("ket-qua-giao-nhan")).ToHaveTextAsync("55 người nhận · trang 2/2");
        await Expect(clerk.GetByTestId("thu")).ToHaveCountAsync(5);
        await clerk.GetByLabel("Tìm theo tên hoặc địa chỉ").FillAsync("hoasen07@");
        await clerk.GetByTestId("giao-nhan").GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(clerk.GetByTestId("ket-qua-giao-nhan")).ToHaveTextAsync("1 người nhận · trang 1/1");
        await Expect(clerk.GetByTestId("thu")).ToContainTextAsync("Trường Mầm non Hoa Sen số 07");
        // The counts stay those of every recipient, whatever the search.
        await Expect(clerk.GetByTestId("dem-giao-nhan")).ToContainTextAsync("55 người nhận");
        await ShotAsync(clerk, "44-giao-nhan-tim");
        await clerk.GetByLabel("Tìm theo tên hoặc địa chỉ").FillAsync("");
        await clerk.GetByTestId("giao-nhan").GetByLabel("Tình trạng", new() { Exact = true }).SelectOptionAsync("failed");
        await clerk.GetByTestId("giao-nhan").GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(clerk.GetByTestId("ket-qua-giao-nhan")).ToHaveTextAsync("0 người nhận · trang 1/1");
        await clerk.Context.CloseAsync();
    }
    [Fact]
    public async Task The_clerk_finds_a_school_for_an_unresolved_Noi_nhan_line_by_typing_part_of_its_name_without_diacritics_and_picks_it_with_the_keyboard()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        var school = await admin.PostAsJsonAsync("/api/directory", new { name = "Trường MN Sơn Ca", kind = "school", email = "mn-sonca@truong.example.org" });
        Assert.Equal(System.Net.HttpStatusCode.Created, school.StatusCode);
        var schoolId = (await school.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var group = await admin.PostAsJsonAsync("/api/directory", new { name = "Cụm các trường mầm non Sơn Ca", kind = "group", members = new[] { schoolId } });
        Assert.Equal(System.Net.HttpStatusCode.Created, group.StatusCode);
        var flow = await PlanFlow.StartAsync(fixture.App);
        var id = await DistributionFlow.CreateWithRecipientsAsync(flow, "Kế hoạch tổ chức hội thi bé khỏe bé ngoan năm 2026", "Nhà trẻ Sơn Ca (t/h)");
        await DistributionFlow.ToClerkAsync(flow, id);

        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GotoAsync($"/ke-hoach/{id}");
        var line = clerk.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Nhà trẻ Sơn Ca" });
        await Expect(line).ToHaveAttributeAsync("data-state", new Regex("^(unresolved|partial)$"));
        // No list of the whole directory: the clerk types, the best matches come first (20 at most), groups marked.
        await Expect(line.GetByTestId("muc-danh-ba")).ToHaveCountAsync(0);
        var search = line.GetByLabel("Tìm trong danh bạ (gõ không dấu cũng được)");
        await search.FillAsync("son ca");
        await Expect(line.GetByTestId("ket-qua-tim")).ToHaveTextAsync("2 mục khớp “son ca”.");
        var found = line.GetByTestId("muc-danh-ba");
        await Expect(found).ToHaveCountAsync(2);
        await Expect(found.First).ToContainTextAsync("Trường MN Sơn Ca");
        await Expect(found.First).ToContainTextAsync("mn-sonca@truong.example.org");
        await Expect(found.Nth(1)).ToHaveAttributeAsync("data-kind", "group");
        await Expect(found.Nth(1).GetByTestId("nhom")).ToHaveTextAsync("Nhóm · 1 đơn vị");
        await Expect(search).ToBeFocusedAsync();
        await ShotAsync(clerk, "45-chon-danh-ba");

        // By keyboard: past the search button to the first match, Space picks it, Tab to "Chọn", Enter.
        await clerk.Keyboard.PressAsync("Tab");
        await Expect(line.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true })).ToBeFocusedAsync();
        await clerk.Keyboard.PressAsync("Tab");
        var first = found.First.GetByRole(AriaRole.Radio);
        await Expect(first).ToBeFocusedAsync();
        await clerk.Keyboard.PressAsync("Space");
        await Expect(first).ToBeCheckedAsync();
        await clerk.Keyboard.PressAsync("Tab");
        await Expect(line.GetByRole(AriaRole.Button, new() { Name = "Chọn", Exact = true })).ToBeFocusedAsync();
        await clerk.Keyboard.PressAsync("Enter");
        await Expect(clerk.GetByTestId("thong-bao")).ToHaveTextAsync("Đã chọn người nhận cho dòng Nơi nhận.");
        var resolved = clerk.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Nhà trẻ Sơn Ca" });
        await Expect(resolved).ToHaveAttributeAsync("data-state", "resolved");
        await Expect(resolved).ToContainTextAsync("Gửi đến: Trường MN Sơn Ca");
        await ShotAsync(clerk, "46-da-chon-danh-ba");
        await clerk.Context.CloseAsync();
    }

    [Fact]
    public async Task The_clerk_sends_a_released_plan_to_one_more_school_found_by_typing_part_of_its_name_without_diacritics()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        var school = await admin.PostAsJsonAsync("/api/directory", new { name = "Trường Tiểu học Hoa Ban", kind = "school", email = "th-hoaban@truong.example.org" });
        Assert.Equal(System.Net.HttpStatusCode.Created, school.StatusCode);
        var flow = await PlanFlow.StartAsync(fixture.App);
        var id = await DistributionFlow.CreateWithRecipientsAsync(flow, "Kế hoạch tổ chức ngày hội đọc sách năm 2026", "Sở GDĐT Quảng Ninh");
        await DistributionFlow.ToClerkAsync(flow, id);
        DistributionFlow.AssertStatus(System.Net.HttpStatusCode.NoContent, await DistributionFlow.ClerkApproveAsync(flow, id), "release");

        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GotoAsync($"/ke-hoach/{id}");
        // "Gửi bổ sung" is a directory search as the Nơi nhận pick is: no list of the whole directory, the best matches as the clerk types.
        var pick = clerk.GetByTestId("chon-danh-ba").Filter(new() { HasText = "Gửi bổ sung đến mục danh bạ" });
        await Expect(pick.GetByTestId("muc-danh-ba")).ToHaveCountAsync(0);
        await pick.GetByLabel("Tìm trong danh bạ (gõ không dấu cũng được)").FillAsync("hoa ban");
        await Expect(pick.GetByTestId("ket-qua-tim")).ToHaveTextAsync("1 mục khớp “hoa ban”.");
        var found = pick.GetByTestId("muc-danh-ba");
        await Expect(found).ToContainTextAsync("Trường Tiểu học Hoa Ban");
        await Expect(found).ToContainTextAsync("th-hoaban@truong.example.org");
        await ShotAsync(clerk, "47-gui-bo-sung-tim");
        await found.GetByRole(AriaRole.Radio).CheckAsync();
        await pick.GetByRole(AriaRole.Button, new() { Name = "Gửi bổ sung", Exact = true }).ClickAsync();
        await Expect(clerk.GetByTestId("thong-bao")).ToHaveTextAsync("Đã xếp thư gửi bổ sung vào hàng gửi.");
        await Expect(clerk.GetByTestId("noi-nhan-da-gui").GetByTestId("gui-den").Filter(new() { HasText = "th-hoaban@truong.example.org" }))
            .ToHaveTextAsync("Gửi đến: Trường Tiểu học Hoa Ban <th-hoaban@truong.example.org>");
        await clerk.Context.CloseAsync();
    }
}
