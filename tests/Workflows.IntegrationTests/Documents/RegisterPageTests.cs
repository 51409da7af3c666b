using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Workflows.IntegrationTests.Documents;

/// <summary>
/// The clerk's outgoing register page (<c>/so-van-ban-di</c>) and <c>GET /api/register/search</c>: one year at a time,
/// newest number first, searched and paged by PostgreSQL; the register is the clerk's, anyone else gets 403 in Vietnamese.
/// The documents are written straight into <c>plans</c> (numbered in past years, so they never meet the counter of a
/// real release): the release itself is covered by <see cref="IssuedDocumentTests"/>.
/// </summary>
public sealed class RegisterPageTests(RegisterPageTests.Fixture fixture) : IClassFixture<RegisterPageTests.Fixture>
{
    /// <summary>One Host and database: 60 documents numbered in 2025 (number 43 on digital transformation, number 13 recalled), 2 in 2024, one of another body.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        internal WorkflowsApp App { get; } = new();
        internal HttpClient Clerk { get; private set; } = null!;
        internal HttpClient Drafter { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Clerk = await App.SignInAsync("vanthu");
            Drafter = await App.SignInAsync("chuyenvien");
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO plans (id, body_code, subject, status, number, issue_year, symbol, issued_on, released_at, signing, created_by, created_at, updated_at)
                SELECT gen_random_uuid(), body, subject, 'released', n, y, lpad(n::text, 2, '0') || '/KH-' || body, make_date(y, 1, 1) + n,
                       make_date(y, 1, 1) + n, '{"title": "KT. TRƯỞNG PHÒNG", "name": "Phạm Văn Hùng"}', 'chuyenvien', now(), now()
                FROM (SELECT 'PGDĐT' AS body, 2025 AS y, n,
                             CASE WHEN n = 43 THEN 'Kế hoạch chuyển đổi số trong giáo dục'
                                  ELSE (ARRAY['Kế hoạch bồi dưỡng giáo viên', 'Kế hoạch kiểm tra nội bộ trường học', 'Kế hoạch phòng chống thiên tai'])[n % 3 + 1] END AS subject
                      FROM generate_series(1, 60) n
                      UNION ALL SELECT 'PGDĐT', 2024, n, 'Kế hoạch tổng kết năm học cũ' FROM generate_series(1, 2) n
                      UNION ALL SELECT 'SGDĐT', 2025, 1, 'Kế hoạch chuyển đổi số của Sở') rows;
                UPDATE plans SET status = 'recalled' WHERE body_code = 'PGDĐT' AND issue_year = 2025 AND number = 13;
                INSERT INTO plan_recalls (plan_id, kind, reason, recalled_by, recalled_at)
                SELECT id, 'recall', 'Ban hành nhầm đối tượng', 'truongphong', '2025-03-02T03:00:00Z' FROM plans
                WHERE body_code = 'PGDĐT' AND issue_year = 2025 AND number = 13;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private async Task<JsonElement> SearchAsync(string query) => await fixture.Clerk.GetFromJsonAsync<JsonElement>("/api/register/search?" + query);

    private static int[] Numbers(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("number").GetInt32())];

    [Fact]
    public async Task The_clerk_reads_one_year_newest_number_first_fifty_a_page_and_finds_a_document_by_its_number_symbol_or_subject()
    {
        var first = await SearchAsync("year=2025");
        Assert.Equal((60, 1, 2), (first.GetProperty("total").GetInt32(), first.GetProperty("page").GetInt32(), first.GetProperty("pages").GetInt32()));
        Assert.Equal(Enumerable.Range(11, 50).Reverse(), Numbers(first));
        Assert.Equal([2025, 2024], first.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        var second = await SearchAsync("year=2025&page=2");
        Assert.Equal(Enumerable.Range(1, 10).Reverse(), Numbers(second));
        Assert.Equal(new[] { 2, 1 }, Numbers(await SearchAsync("year=2024")));
        Assert.Equal(0, (await SearchAsync("year=2023")).GetProperty("total").GetInt32());

        Assert.Equal(new[] { 7 }, Numbers(await SearchAsync("year=2025&q=07")));
        Assert.Equal(new[] { 43 }, Numbers(await SearchAsync("year=2025&q=" + Uri.EscapeDataString("43/kh-PGDĐT"))));
        Assert.Equal(new[] { 43 }, Numbers(await SearchAsync("year=2025&q=" + Uri.EscapeDataString("Chuyển đổi số"))));
        Assert.Equal(20, (await SearchAsync("year=2025&q=" + Uri.EscapeDataString("bồi dưỡng"))).GetProperty("total").GetInt32());
        var recalled = (await SearchAsync("year=2025&q=13")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("recalled", recalled.GetProperty("status").GetString());
        Assert.Equal("Đã thu hồi ngày 02/03/2025: Ban hành nhầm đối tượng", recalled.GetProperty("recall").GetString());
        var refused = await fixture.Clerk.GetAsync("/api/register/search?year=1999");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("year", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        // The page says the same in words, links each plan and the year's exports, and offers the years.
        var page = WebUtility.HtmlDecode(await fixture.Clerk.GetStringAsync("/so-van-ban-di?nam=2025&trang=2"));
        Assert.Contains("Sổ đăng ký văn bản đi năm 2025", page);
        Assert.Contains("60 văn bản · trang 2/2", page);
        var tenth = second.GetProperty("items")[0];
        Assert.Contains($"href=\"/ke-hoach/{tenth.GetProperty("planId").GetGuid()}\">{tenth.GetProperty("subject").GetString()}<", page);
        Assert.Contains("href=\"/api/register.xlsx?year=2025\"", page);
        Assert.Contains("href=\"/api/register.csv?year=2025\"", page);
        Assert.Contains("<option value=\"2024\">2024</option>", page);
        Assert.Contains("Đã thu hồi ngày 02/03/2025: Ban hành nhầm đối tượng", WebUtility.HtmlDecode(await fixture.Clerk.GetStringAsync("/so-van-ban-di?nam=2025")));
        var found = WebUtility.HtmlDecode(await fixture.Clerk.GetStringAsync("/so-van-ban-di?nam=2025&q=" + Uri.EscapeDataString("chuyển đổi số")));
        Assert.Contains("1 văn bản · trang 1/1", found);
        Assert.Contains("href=\"/api/register.csv?year=2025&q=", found);
        Assert.DoesNotContain("của Sở", found);
        var csv = await fixture.Clerk.GetStringAsync("/api/register.csv?year=2025&q=" + Uri.EscapeDataString("chuyển đổi số"));
        Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_drafter_gets_no_register_from_the_menu_the_page_or_the_API_only_a_403_in_Vietnamese_while_the_clerk_sees_it_in_the_menu()
    {
        const string Refusal = "Chỉ văn thư mới xem được sổ đăng ký văn bản đi.";
        foreach (var path in new[] { "/api/register/search?year=2025", "/api/register?year=2025", "/api/register.csv?year=2025", "/api/register.xlsx?year=2025" })
        {
            var response = await fixture.Drafter.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(Refusal, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        var page = await fixture.Drafter.GetAsync("/so-van-ban-di?nam=2025");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var shown = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(Refusal, shown);
        Assert.DoesNotContain("Phạm Văn Hùng", shown);
        Assert.DoesNotContain("href=\"/so-van-ban-di\"", WebUtility.HtmlDecode(await fixture.Drafter.GetStringAsync("/hop-thu")));
        Assert.Contains("href=\"/so-van-ban-di\"", WebUtility.HtmlDecode(await fixture.Clerk.GetStringAsync("/hop-thu")));
    }
}
