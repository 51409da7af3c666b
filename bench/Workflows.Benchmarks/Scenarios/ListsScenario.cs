using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The lists of issue 17 at office scale: 10,000 plans of one body, 1,000 open review tasks for one reviewer, 10,000
/// directory entries (the schools of a group), a reporting period open for those 10,000 schools and a plan released to
/// them (40 % of the schools submitted on time, 10 % late, the others overdue), all written set-based (INSERT … SELECT over <c>generate_series</c>, a few seconds). Then each list page and API
/// is asked for in turn by a signed-in client (the Host in this process, <c>WebApplicationFactory</c>'s in-memory
/// server, so the time is the server's: routing, authentication, the page's queries and rendering), and the median and
/// p99 of each are reported against the goal of 300 ms.
/// </summary>
internal sealed class ListsScenario : IScenario
{
    private const string Group = "Các trường thử tải danh sách";

    public string Name => "lists";

    public string Description => "list pages and APIs with 10,000 plans, 1,000 open tasks, 10,000 directory entries and schools (server time)";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        await using var host = context.CreateHost("lists", ReportingSetup.WithoutScheduler(new() { ["Workflows:Distribution:SenderEnabled"] = "false" }));
        var services = host.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var seeding = Stopwatch.StartNew();
        var (released, schedule) = await SeedAsync(services, dataSource, cancellationToken);
        BenchContext.Log($"lists: seeded in {seeding.Elapsed.TotalSeconds:F1} s");
        notes.Add($"seeded in {seeding.Elapsed.TotalSeconds:F1} s: 10,000 plans, 1,000 open review tasks for one reviewer, 10,000 schools in the directory and one group, "
            + "a period open for them (10,000 requests), a plan released to them (10,000 messages in every delivery state)");

        var reviewer = await SignInAsync(host, "photruongphong");
        var drafter = await SignInAsync(host, "chuyenvien");
        var clerk = await SignInAsync(host, "vanthu");
        var admin = await SignInAsync(host, "quantri");
        var pick = await PickPlanAsync(services, cancellationToken);
        var pages = new (string Name, HttpClient Client, string Url)[]
        {
            ("plans list, first page (drafter)", drafter, "/ke-hoach"),
            ("plans list, search \"bồi dưỡng\", page 20", drafter, "/ke-hoach?q=b%E1%BB%93i%20d%C6%B0%E1%BB%A1ng&trang=20"),
            ("plans API, search \"chuyển đổi số\", page 5", drafter, "/api/plans/search?q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91&page=5"),
            ("inbox /hop-thu, 1,000 open tasks (reviewer)", reviewer, "/hop-thu"),
            ("inbox /hop-thu, page 10, newest first", reviewer, "/hop-thu?sap-xep=moi-nhan&trang=10"),
            ("inbox /hop-thu, search in the subject", reviewer, "/hop-thu?q=tr%C6%B0%E1%BB%9Dng%20s%E1%BB%91%2077"),
            ("tasks API /api/tasks (whole inbox, 1,000 tasks)", reviewer, "/api/tasks"),
            ("directory /quan-tri/danh-ba, first page", admin, "/quan-tri/danh-ba"),
            ("directory, search \"truong thu tai so 12\" (no diacritics), page 2", admin, "/quan-tri/danh-ba?q=truong%20thu%20tai%20so%2012&trang=2"),
            ("directory API, schools, page 100", admin, "/api/directory/search?kind=school&page=100"),
            ("Nơi nhận pick, search \"thu tai so 12\", 20 best of 111 (htmx)", clerk, $"/ke-hoach/{pick}?handler=DanhBa&dong=0&tim=thu%20tai%20so%2012"),
            ("directory API, best matches of \"thu tai so 12\" (20)", clerk, "/api/directory/search?q=thu%20tai%20so%2012&sort=phu-hop&pageSize=20"),
            ("delivery list of a plan sent to 10,000 (panel)", clerk, $"/ke-hoach/{released}?handler=GiaoNhan"),
            ("delivery list, failed only, page 3", clerk, $"/ke-hoach/{released}?handler=GiaoNhan&gn-tt=failed&gn-trang=3"),
            ("reporting matrix, 10,000 schools (schedule page)", clerk, $"/bao-cao/{schedule}"),
            ("reporting matrix, search a school", clerk, $"/bao-cao/{schedule}?truong=s%E1%BB%91%20999"),
            ("reporting matrix, search without marks \"truong thu tai so 12\", page 2", clerk, $"/bao-cao/{schedule}?truong=truong%20thu%20tai%20so%2012&trang=2"),
            ("reporting matrix, overdue in the current period, page 30", clerk, $"/bao-cao/{schedule}?tinh-trang=overdue&trang=30"),
            ("reporting matrix, submitted late", clerk, $"/bao-cao/{schedule}?tinh-trang=late"),
        };
        var (warmups, runs) = context.Options.Quick ? (2, 10) : (5, 50);
        var results = new List<Measurement>();
        var load = new List<string> { LoadAverage() };
        async Task MeasureAsync(IEnumerable<(string Name, HttpClient Client, string Url)> lists)
        {
            foreach (var (name, client, url) in lists)
            {
                var times = new List<double>();
                for (var i = 0; i < warmups + runs; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync(url, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
                    if (i >= warmups) times.Add(elapsed);
                    if (i == 0) BenchContext.Log($"lists: {name}: {body.Length / 1024.0:F0} KiB");
                }
                results.Add(Measurement.Of(name, "ms", times, "< 300 ms"));
                BenchContext.Log($"lists: {name}: median {results[^1].Median:F1} ms, p99 {results[^1].P99:F1} ms");
            }
        }
        await MeasureAsync(pages);
        // Then the reviewer, the body's only holder of the review role, is away from today and has delegated to the clerk:
        // the clerk's inbox holds the 1,000 queued review tasks, each one reached through the delegation (the acting rule).
        var today = VietnamTime.Today(TimeProvider.System);
        using var delegated = await reviewer.PostAsJsonAsync("/api/delegations", new
        {
            @delegate = "vanthu", startsOn = today, endsOn = today.AddDays(2), reference = "Giấy ủy quyền thử tải",
        }, cancellationToken);
        if (!delegated.IsSuccessStatusCode) throw new InvalidOperationException($"/api/delegations: {(int)delegated.StatusCode}");
        var reached = (await clerk.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/tasks", cancellationToken)).GetArrayLength();
        notes.Add($"the reviewer's delegate (the clerk) sees {reached:N0} tasks in the inbox through the delegation");
        await MeasureAsync(
        [
            ("inbox /hop-thu of the reviewer's delegate, 1,000 queued tasks (clerk)", clerk, "/hop-thu"),
            ("tasks API /api/tasks of the reviewer's delegate (1,000 tasks)", clerk, "/api/tasks"),
        ]);
        load.Add(LoadAverage());
        notes.Add($"{warmups} warm-up requests and {runs} measured per list, one after the other; load average (1 min) before and after: {string.Join(" → ", load)}");
        return results;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static async Task<HttpClient> SignInAsync(BenchHost host, string userName)
    {
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "demo" });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A draft with one Nơi nhận line the directory does not know, for the clerk's pick (its search does not depend on the plan's state).</summary>
    private static async Task<Guid> PickPlanAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var drafter = new Actor("chuyenvien", "Nguyễn Thị Lan", "CHUYÊN VIÊN", "PGDĐT", new HashSet<string> { Roles.Drafter });
        var fields = PlanFields.Empty with { Recipients = [new PlanRecipient("Trường thử tải chưa có trong danh bạ", [], RecipientKind.External)] };
        return await services.GetRequiredService<PlanStore>().CreateAsync(
            new NewPlan("Kế hoạch thử tải chọn nơi nhận", "KH", fields, null, null, null), drafter, cancellationToken);
    }

    /// <summary>Writes the data set; returns the released plan and the reporting schedule.</summary>
    private static async Task<(Guid Released, Guid Schedule)> SeedAsync(IServiceProvider services, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // One plan submitted through the engine gives the definition, step and role the 1,000 copied review tasks use.
        var drafter = new Actor("chuyenvien", "Nguyễn Thị Lan", "CHUYÊN VIÊN", "PGDĐT", new HashSet<string> { Roles.Drafter });
        var model = await services.GetRequiredService<PlanStore>().CreateAsync(
            new NewPlan("Kế hoạch mẫu cho bài đo danh sách", "KH", PlanFields.Empty, null, null, null), drafter, cancellationToken);
        await services.GetRequiredService<WorkflowEngine>().SubmitAsync(model, null, drafter, cancellationToken);

        await ReportingSetup.SeedGroupAsync(dataSource, Group, 10_000, cancellationToken);
        var (schedule, period) = await ReportingSetup.CreateScheduleAsync(services, "Báo cáo thử tải danh sách", Group, cancellationToken);
        ReportingSetup.ForgetJobs(services, period);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var released = Guid.NewGuid();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plans (id, body_code, document_type, subject, status, created_by, created_at, updated_at, symbol)
            SELECT gen_random_uuid(), 'PGDĐT', (ARRAY['KH', 'KH', 'KH', 'BC', 'CV'])[1 + i % 5],
                   'Kế hoạch thử tải số ' || i || ' ' || (ARRAY['về bồi dưỡng thường xuyên giáo viên', 'về chuyển đổi số trong trường học',
                       'tổ chức hội khỏe Phù Đổng', 'kiểm tra chuyên đề trường số ' || i % 100, 'phòng chống đuối nước cho học sinh'])[1 + i % 5],
                   (ARRAY['draft', 'released', 'released', 'released', 'rejected', 'signed', 'returned'])[1 + i % 7],
                   'chuyenvien', now() - i * interval '17 minutes', now() - i * interval '17 minutes',
                   CASE WHEN i % 7 IN (1, 2, 3) THEN i || '/KH-PGDĐT' END
            FROM generate_series(1, 8999) i;
            INSERT INTO plans (id, body_code, document_type, subject, status, created_by, created_at, updated_at, symbol, released_at)
            VALUES (@released, 'PGDĐT', 'KH', 'Kế hoạch thử tải phát hành đến 10.000 trường', 'released', 'chuyenvien', now(), now(), '9999/KH-PGDĐT', now());
            WITH model AS (
                SELECT i.definition_id, i.definition_version, t.step, t.role FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id
                WHERE t.plan_id = @model AND t.status = 'open'
            ), p AS (
                INSERT INTO plans (id, body_code, document_type, subject, status, current_step, revision, created_by, created_at, updated_at)
                SELECT gen_random_uuid(), 'PGDĐT', 'KH', 'Kế hoạch thử tải chờ kiểm tra, trường số ' || i, 'in-review', (SELECT step FROM model), 1,
                       'chuyenvien', now() - i * interval '7 minutes', now() - i * interval '7 minutes'
                FROM generate_series(1, 1000) i
                RETURNING id, created_at
            ), inst AS (
                INSERT INTO workflow_instances (id, definition_id, definition_version, plan_id, status, current_step, started_by, started_at)
                SELECT gen_random_uuid(), model.definition_id, model.definition_version, p.id, 'running', model.step, 'chuyenvien', p.created_at FROM p, model
                RETURNING id, plan_id, started_at
            )
            INSERT INTO human_tasks (id, instance_id, plan_id, body_code, step, role, revision, status, created_at, due_at)
            SELECT gen_random_uuid(), inst.id, inst.plan_id, 'PGDĐT', model.step, model.role, 1, 'open', inst.started_at,
                   inst.started_at + (CASE WHEN random() < 0.3 THEN interval '-2 days' ELSE interval '5 days' END)
            FROM inst, model;
            INSERT INTO outgoing_messages (id, plan_id, message_id, address, recipient_name, entry_id, lines, purpose, subject, body, status,
                                           attempts, last_error, next_attempt_at, sent_at, created_at, category)
            SELECT gen_random_uuid(), @released, '<' || gen_random_uuid() || '@bench>', e.email, e.name, e.id, e.name, 'để thực hiện',
                   'Kế hoạch 9999/KH-PGDĐT', 'thử tải', s.status, CASE s.status WHEN 'failed' THEN 5 WHEN 'sent' THEN 1 ELSE 0 END,
                   CASE s.status WHEN 'failed' THEN '550 5.1.1 mailbox unavailable' END, now(), CASE s.status WHEN 'sent' THEN now() END, now(), 'release'
            FROM (SELECT e.*, row_number() OVER (ORDER BY e.name) AS n FROM directory_entries e WHERE e.kind = 'school') e
            CROSS JOIN LATERAL (SELECT (ARRAY['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'queued', 'failed', 'sent', 'sent'])[1 + e.n % 10] AS status) s;
            INSERT INTO release_receipts (id, plan_id, address, recipient_name, entry_id, token_hash, created_at, expires_at, remind_at, acknowledged_at)
            SELECT gen_random_uuid(), @released, m.address, m.recipient_name, m.entry_id, sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
                   now(), now() + interval '30 days', now() + interval '3 days', CASE WHEN m.status = 'sent' AND random() < 0.5 THEN now() END
            FROM outgoing_messages m WHERE m.plan_id = @released;
            INSERT INTO report_requests (id, period_id, schedule_id, entry_id, school_name, address, token_hash, requested_at)
            SELECT gen_random_uuid(), @period, @schedule, e.id, e.name, e.email, sha256(convert_to(gen_random_uuid()::text, 'UTF8')), @opening
            FROM reporting_schedules s
            JOIN directory_members m ON m.group_id = (s.target ->> 'groupId')::uuid
            JOIN directory_entries e ON e.id = m.member_id
            WHERE s.id = @schedule;
            UPDATE reporting_periods SET state = 'open' WHERE id = @period;
            -- The matrix in every state: 40 % submitted on time, 10 % late, the others overdue.
            UPDATE report_requests r SET first_submitted_at = p.deadline + CASE WHEN x.n % 10 = 4 THEN interval '2 days' ELSE -interval '1 day' * (1 + x.n % 5) END,
                                         last_submitted_at = p.deadline + CASE WHEN x.n % 10 = 4 THEN interval '2 days' ELSE -interval '1 day' * (1 + x.n % 5) END,
                                         submitted_late = x.n % 10 = 4
            FROM (SELECT id, row_number() OVER (ORDER BY school_name) AS n FROM report_requests WHERE period_id = @period) x, reporting_periods p
            WHERE r.id = x.id AND p.id = @period AND x.n % 10 < 5;
            """, new { model, released, schedule, period, opening = ReportingSetup.Opening }, commandTimeout: 600, cancellationToken: cancellationToken));
        foreach (var table in new[] { "plans", "workflow_instances", "human_tasks", "outgoing_messages", "release_receipts", "report_requests", "directory_entries" })
            await connection.ExecuteAsync(new CommandDefinition($"VACUUM ANALYZE {table}", commandTimeout: 600, cancellationToken: cancellationToken));
        return (released, schedule);
    }
}
