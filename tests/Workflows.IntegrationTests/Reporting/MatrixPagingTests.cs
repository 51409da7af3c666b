using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Reporting;
using Workflows.Reporting.Status;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// The reporting matrix is searched, filtered, ordered and paged by PostgreSQL (issue 17): every page of every query
/// shows exactly the rows, cells, counts and overdue pairs of the whole matrix (<see cref="WholeMatrix"/>, as it was built
/// in memory), filtered and cut as a user would expect, in Vietnamese alphabetical order; the API gives the schedule
/// page's pages, and the CSV streams the whole matrix a page of schools at a time with the same content as before.
/// </summary>
public sealed class MatrixPagingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 0, 0, VietnamTime.Offset);
    private static readonly string[] Words = ["An", "Ánh", "Ăn", "Âu", "Bình", "Dung", "Đông", "Ê Đê", "Hà", "Hạ Long", "Sơn Ca", "Ước", "Yên"];
    private readonly WorkflowsApp _app = new(clock: new FakeTimeProvider(Now.ToUniversalTime()));
    private readonly Actor _clerk = new("vanthu", "Văn thư", "VĂN THƯ", "PGDĐT", new HashSet<string> { Roles.Clerk });
    private Guid _schedule;

    public async Task InitializeAsync()
    {
        using (_app.CreateClient()) { } // migrations applied
        Storage.DapperSetup.Apply();
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        // 130 schools of a group (13 names × 10), one more that left the directory; three periods: February (closed, past
        // its deadline: on time, late, overdue), March (open, before its deadline: on time, missing, one school not asked),
        // April (not open yet).
        var group = Guid.NewGuid();
        await connection.ExecuteAsync("INSERT INTO directory_entries (id, name, kind) VALUES (@group, 'Các trường thử ma trận', 'group')", new { group });
        var schools = Enumerable.Range(0, 130).Select(i => (Id: Guid.NewGuid(), Name: $"Trường Tiểu học {Words[i % Words.Length]} số {i / Words.Length + 1}")).ToList();
        foreach (var (id, name) in schools)
        {
            await connection.ExecuteAsync("INSERT INTO directory_entries (id, name, kind, email) VALUES (@id, @name, 'school', @email)",
                new { id, name, email = $"{id:N}@truong.example.org" });
            await connection.ExecuteAsync("INSERT INTO directory_members (group_id, member_id) VALUES (@group, @id)", new { group, id });
        }
        _schedule = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO reporting_schedules (id, body_code, title, frequency, rule, starts_on, ends_on, target, definition_id, definition_version, status, created_by, created_at)
            VALUES (@_schedule, 'PGDĐT', 'Báo cáo thử ma trận', 'monthly', '{"day": 15}', '2026-01-01', '2026-12-31', @target::jsonb, 'report-submission', 1, 'active', 'vanthu', now())
            """, new { _schedule, target = $$"""{"groupId": "{{group}}", "group": "Các trường thử ma trận"}""" });
        async Task<Guid> PeriodAsync(string key, string label, int month, string state)
        {
            var id = Guid.NewGuid();
            var deadline = new DateTimeOffset(2026, month, 16, 0, 0, 0, VietnamTime.Offset);
            await connection.ExecuteAsync("""
                INSERT INTO reporting_periods (id, schedule_id, period_key, label, opens_at, cut_off_from, cut_off_to, due_on, deadline, closes_at, state)
                VALUES (@id, @_schedule, @key, @label, @opens, @due, @due, @due, @deadline, @closes, @state)
                """, new { id, _schedule, key, label, opens = deadline.AddDays(-11).UtcDateTime, due = new DateOnly(2026, month, 15),
                    deadline = deadline.UtcDateTime, closes = deadline.AddDays(20).UtcDateTime, state });
            return id;
        }
        var february = await PeriodAsync("2026-02", "Tháng 2/2026", 2, "closed");
        var march = await PeriodAsync("2026-03", "Tháng 3/2026", 3, "open");
        await PeriodAsync("2026-04", "Tháng 4/2026", 4, "scheduled");
        async Task RequestAsync(Guid period, Guid entry, string name, DateTimeOffset? submitted, bool? late)
        {
            var (_, hash) = ReportTokens.Create();
            await connection.ExecuteAsync("""
                INSERT INTO report_requests (id, period_id, schedule_id, entry_id, school_name, address, token_hash, requested_at, first_submitted_at, last_submitted_at, submitted_late)
                VALUES (gen_random_uuid(), @period, @_schedule, @entry, @name, 'x@truong.example.org', @hash, now(), @at, @at, @late)
                """, new { period, _schedule, entry, name, hash, at = submitted?.UtcDateTime, late });
        }
        for (var i = 0; i < schools.Count; i++)
        {
            var (id, name) = schools[i];
            await RequestAsync(february, id, name, (i % 3) switch
            {
                0 => new DateTimeOffset(2026, 2, 14, 10, 0, 0, VietnamTime.Offset),
                1 => new DateTimeOffset(2026, 2, 18, 10, 0, 0, VietnamTime.Offset),
                _ => null,
            }, (i % 3) switch { 0 => false, 1 => true, _ => null });
            if (i == 7) continue; // not asked in March
            await RequestAsync(march, id, name, i % 4 == 0 ? new DateTimeOffset(2026, 3, 12 + i % 3, 8, i % 60, 0, VietnamTime.Offset) : null, i % 4 == 0 ? false : null);
        }
        await RequestAsync(february, Guid.NewGuid(), "Trường Tiểu học Đã Sáp Nhập", null, null); // left the directory since
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_page_of_every_search_and_state_shows_the_rows_cells_and_counts_of_the_whole_matrix()
    {
        var whole = await WholeMatrixAsync();
        var pages = _app.Services.GetRequiredService<MatrixPages>();
        Assert.Equal(131, whole.Schools.Count);
        var march = whole.Periods.Single(p => p.Label == "Tháng 3/2026");
        var marchIndex = whole.Periods.ToList().IndexOf(march);

        foreach (var (search, state) in new (string?, string?)[]
        {
            (null, null), ("son ca", null), ("SƠN CA số 2", null), ("dong", null), ("sap nhap", null), (null, "on_time"), (null, "missing"),
            (null, "not_requested"), ("ánh", "missing"), (null, "overdue"), (null, "khong-co"), ("không có trường này", null),
        })
        {
            var key = search is null ? null : RecipientText.Normalise(search);
            var expected = whole.Schools
                .Where(s => key is null || RecipientText.Normalise(s.Name).Contains(key, StringComparison.Ordinal))
                .Where(s => state is null || s.Cells[marchIndex].State == state)
                .ToList();
            var first = await pages.PageAsync(_schedule, _clerk, Now.ToUniversalTime(), new MatrixQuery(search, state, 1, 20), default);
            Assert.Equal(march.Id, first.Current?.Id);
            Assert.Equal((131, expected.Count), (first.Schools, first.Matching));
            var shown = new List<StatusRow>();
            for (var page = 1; page <= first.Pages; page++)
                shown.AddRange((await pages.PageAsync(_schedule, _clerk, Now.ToUniversalTime(), new MatrixQuery(search, state, page, 20), default)).Rows);
            Assert.Equal(expected.Select(s => (s.EntryId, s.Name, Cells: string.Join(",", s.Cells.Select(c => $"{c.PeriodId}:{c.State}:{c.SubmittedAt:O}")))),
                shown.Select(s => (s.EntryId, s.Name, Cells: string.Join(",", s.Cells.Select(c => $"{c.PeriodId}:{c.State}:{c.SubmittedAt:O}")))));
        }

        var all = await pages.PageAsync(_schedule, _clerk, Now.ToUniversalTime(), new MatrixQuery(null, null, 99, 20), default);
        Assert.Equal((7, 7), (all.Page, all.Pages)); // a page past the last shows the last
        foreach (var (period, index) in whole.Periods.Select((p, i) => (p, i)))
            foreach (var state in new[] { "on_time", "late", "missing", "overdue", "not_open", "not_requested" })
                Assert.Equal(whole.Schools.Count(s => s.Cells[index].State == state), all.Count(period, state));
        var overdue = whole.Periods.Select((p, i) => (p, i)).OrderByDescending(x => x.p.DueOn)
            .SelectMany(x => whole.Schools.Where(s => s.Cells[x.i].State == "overdue").Select(s => (s.EntryId, s.Name, x.p.Id))).ToList();
        Assert.Equal(overdue.Count, all.OverdueCount);
        Assert.Equal(overdue.Take(MatrixPages.OverdueRead), all.Overdue.Select(o => (o.EntryId, o.Name, o.Period.Id)));
        Assert.All(all.Overdue, o => Assert.True(all.Requests.ContainsKey((o.Period.Id, o.EntryId))));
        Assert.Equal(whole.Schools.Select(s => s.Cells[marchIndex].SubmittedAt).OfType<DateTimeOffset>().Order(), all.CurrentSubmissions);
    }

    [Fact]
    public async Task The_schedule_page_lists_one_hundred_schools_in_alphabetical_order_and_finds_one_typed_without_marks()
    {
        var clerk = await _app.SignInAsync("vanthu");
        var first = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/bao-cao/{_schedule}"));
        Assert.Contains("131 / 131 đơn vị · trang 1/2", first);
        Assert.Equal(100, CountOf(first, "data-testid=\"dong-truong\""));
        Assert.True(first.IndexOf("Trường Tiểu học An số 1", StringComparison.Ordinal) < first.IndexOf("Trường Tiểu học Ánh số 1", StringComparison.Ordinal));
        Assert.True(first.IndexOf("Trường Tiểu học Dung số 1", StringComparison.Ordinal) < first.IndexOf("Trường Tiểu học Đông số 1", StringComparison.Ordinal));
        Assert.Contains("Trường quá hạn chưa nộp (44)", first);

        var found = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/bao-cao/{_schedule}?truong=son%20ca%20so%202&tinh-trang=missing"));
        Assert.Contains("1 / 131 đơn vị", found);
        Assert.Single(found.Split("data-testid=\"dong-truong\"").Skip(1), row => row.Contains("Trường Tiểu học Sơn Ca số 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_CSV_lists_every_school_and_period_in_words_in_alphabetical_order_as_it_always_has()
    {
        var clerk = await _app.SignInAsync("vanthu");
        var response = await clerk.GetAsync($"/api/reporting/schedules/{_schedule}/status.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"tinh-hinh-bao-cao-{_schedule:N}.csv", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        // Streamed a few schools at a time, the rows are those of the whole matrix, none twice, none lost at a page's edge.
        var streamed = await _app.Services.GetRequiredService<MatrixPages>().AllRowsAsync(_schedule, _clerk, Now.ToUniversalTime(), pageSize: 7);
        var rows = new List<StatusRow>();
        await foreach (var row in streamed.Rows) rows.Add(row);
        Assert.Equal(Flat((await WholeMatrixAsync()).Schools), Flat(rows));

        // The file holds what the CSV said when it was still built from the whole matrix in memory (30 November 2026).
        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Reporting", "MatrixPagingTests.status.csv"));
        Assert.Equal(expected.ReplaceLineEndings("\r\n"), System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task The_API_gives_the_schedule_pages_rows_for_a_search_and_a_state_and_refuses_a_bad_value_naming_its_field()
    {
        var clerk = await _app.SignInAsync("vanthu");
        var pages = _app.Services.GetRequiredService<MatrixPages>();
        foreach (var (q, state, page, size) in new (string?, string?, int, int)[] { (null, null, 2, 50), ("son ca", null, 1, 100), ("ánh", "missing", 1, 3), (null, "on_time", 2, 20) })
        {
            var address = $"/api/reporting/schedules/{_schedule}/status?page={page}&pageSize={size}"
                + (q is null ? "" : "&q=" + Uri.EscapeDataString(q)) + (state is null ? "" : "&state=" + state);
            var answer = await clerk.GetFromJsonAsync<JsonElement>(address);
            var expected = await pages.PageAsync(_schedule, _clerk, Now.ToUniversalTime(), new MatrixQuery(q, state, page, size), default);
            Assert.True(expected.Rows.Count > 0, address);
            Assert.Equal((131, expected.Matching, page, size, expected.Pages),
                (answer.GetProperty("total").GetInt32(), answer.GetProperty("matching").GetInt32(), answer.GetProperty("page").GetInt32(),
                    answer.GetProperty("pageSize").GetInt32(), answer.GetProperty("pages").GetInt32()));
            Assert.Equal(expected.Rows.Select(r => (r.EntryId, r.Name, string.Join(",", r.Cells.Select(c => c.State)))),
                answer.GetProperty("schools").EnumerateArray().Select(r => (r.GetProperty("entryId").GetGuid(), r.GetProperty("name").GetString()!,
                    string.Join(",", r.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("state").GetString())))));
            Assert.Equal(expected.Current!.Id, answer.GetProperty("current").GetGuid());
            Assert.Equal(expected.Count(expected.Current, "on_time"),
                answer.GetProperty("counts").GetProperty(expected.Current.Id.ToString()).GetProperty("on_time").GetInt32());
        }
        // The schedule page searched the same way lists the same schools in the same order.
        var html = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/bao-cao/{_schedule}?truong=son%20ca"));
        var api = await clerk.GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{_schedule}/status?q=son%20ca");
        Assert.Equal(api.GetProperty("schools").EnumerateArray().Select(r => r.GetProperty("name").GetString()),
            System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"dong-truong\">\\s*<th scope=\"row\">([^<]*)</th>").Select(m => m.Groups[1].Value));

        var last = await clerk.GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{_schedule}/status?page=2147483647&pageSize=500");
        Assert.Equal((1, 131), (last.GetProperty("page").GetInt32(), last.GetProperty("schools").GetArrayLength()));

        foreach (var (query, field) in new[] { ("page=0", "page"), ("page=hai", "page"), ("pageSize=501", "pageSize"), ("pageSize=-5", "pageSize"), ("state=xong", "state") })
        {
            var refused = await clerk.GetAsync($"/api/reporting/schedules/{_schedule}/status?{query}");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
            Assert.Contains(query[(query.IndexOf('=') + 1)..], problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Flat(IEnumerable<StatusRow> rows) =>
        rows.Select(s => $"{s.EntryId} {s.Name} " + string.Join(",", s.Cells.Select(c => $"{c.PeriodId}:{c.State}:{c.SubmittedAt:O}")));

    private async Task<(IReadOnlyList<PeriodView> Periods, IReadOnlyList<StatusRow> Schools)> WholeMatrixAsync() =>
        await WholeMatrix.ReadAsync(_app, _schedule, _clerk, Now.ToUniversalTime());

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
