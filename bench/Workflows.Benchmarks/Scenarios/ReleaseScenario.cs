using System.Diagnostics;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Release of one plan to 1,000 recipients (one directory group of 1,000 entries) until the SMTP server accepted every
/// message: the clock starts when the clerk's completion (issue number, release, 1,000 outbox rows in one transaction)
/// begins and stops when the server counted the 1,000th message. The Host's own outbox sender sends them, with its
/// default settings except those of the variant (sender parallelism).
/// </summary>
internal sealed class ReleaseScenario : IScenario
{
    internal const string Group = "Nhóm thử tải";

    public string Name => "release";

    public string Description => "release of one plan to 1,000 recipients until aiosmtpd accepted every message";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var recipients = 1000;
        var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 3);
        // Each variant keeps the lease rule (the default LeaseSeconds 60 > TimeoutSeconds 30; a worker renews a claim it still sends).
        (string Label, Dictionary<string, string?> Settings)[] variants = context.Options.Quick
            ? [("64 workers (default)", [])]
            :
            [
                ("64 workers (default)", []),
                ("12 workers", new() { ["Workflows:Distribution:Workers"] = "12", ["Workflows:Distribution:BatchSize"] = "24" }),
                ("32 workers", new() { ["Workflows:Distribution:Workers"] = "32", ["Workflows:Distribution:BatchSize"] = "64" }),
            ];
        var results = new List<Measurement>();
        foreach (var (label, extra) in variants)
        {
            var settings = context.SmtpSettings();
            foreach (var (k, v) in extra) settings[k] = v;
            await using var host = context.CreateHost("release", settings);
            var services = host.Services;
            var engine = services.GetRequiredService<WorkflowEngine>();
            var store = services.GetRequiredService<PlanStore>();
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            await ImportGroupAsync(services.GetRequiredService<DirectoryStore>(), recipients, cancellationToken);
            var seconds = new List<double>();
            var releaseMs = new List<double>();
            for (var run = 0; run < warmups + runs; run++)
            {
                var clerkTask = await ToClerkAsync(store, engine, dataSource, context.RepositoryRoot, run, cancellationToken);
                var target = context.Smtp.Accepted + recipients;
                var start = Stopwatch.GetTimestamp();
                await engine.CompleteAsync(clerkTask, "approve", null, null, Clerk, cancellationToken);
                var released = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                await context.Smtp.WaitForAsync(target, TimeSpan.FromMinutes(3));
                var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                await Task.Delay(300, cancellationToken);
                if (context.Smtp.Accepted != target) notes.Add($"{label}: the server accepted {context.Smtp.Accepted - target} messages more than expected");
                if (run < warmups) continue;
                seconds.Add(elapsed);
                releaseMs.Add(released);
            }
            BenchContext.Log($"release to {recipients}, {label}: {seconds.Order().ElementAt(seconds.Count / 2):F1} s");
            results.Add(Measurement.Of($"release to {recipients:N0}, {label}", "s", seconds, "< 10 s"));
            results.Add(Measurement.Of($"messages/s, {label}", "/s", seconds.Select(s => recipients / s).ToList(), higherIsBetter: true));
            results.Add(Measurement.Of($"release transaction (1,000 outbox rows), {label}", "ms", releaseMs));
        }
        notes.Add($"{warmups} warm-up release and {runs} measured releases per variant; attachment: uongbi-2023-95-KH-PGDDT.txt; sender poll interval 1 s (default)");
        return results;
    }

    private static readonly Actor Drafter = new("bench.chuyenvien", "Chuyên viên thử tải", null, "PGDĐT", new HashSet<string> { "Drafter" });
    private static readonly Actor Reviewer = new("bench.kiemtra", "Người kiểm tra", null, "PGDĐT", new HashSet<string> { "Reviewer" });
    private static readonly Actor Signer = new("bench.truongphong", "Trần Văn Ký", null, "PGDĐT", new HashSet<string> { "Signer" });
    internal static readonly Actor Clerk = new("bench.vanthu", "Văn thư thử tải", null, "PGDĐT", new HashSet<string> { "Clerk" });

    internal static async Task ImportGroupAsync(DirectoryStore directory, int count, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= count; i++) csv.Append($"Đơn vị nhận thử {i},school,nhan{i}@bench.example.org,{Group},\n");
        var admin = new Actor("bench.quantri", "Quản trị", null, "PGDĐT", new HashSet<string> { "Admin" });
        var result = await directory.ImportCsvAsync(csv.ToString(), admin, cancellationToken);
        if (result.Errors.Count > 0) throw new InvalidOperationException("Directory import failed: " + result.Errors[0].Message);
    }

    /// <summary>A plan addressed to the group, submitted, reviewed and signed; returns the clerk's open task.</summary>
    internal static async Task<Guid> ToClerkAsync(PlanStore store, WorkflowEngine engine, NpgsqlDataSource dataSource, string root, int run,
        CancellationToken cancellationToken)
    {
        var document = await File.ReadAllBytesAsync(Path.Combine(root, "..", "shared", "plans", "uongbi-2023-95-KH-PGDDT.txt"), cancellationToken);
        var fields = new PlanFields { Recipients = [new PlanRecipient(Group, ["t/h"], RecipientKind.External)] };
        var planId = await store.CreateAsync(new NewPlan($"Kế hoạch thử tải phát hành lần {run + 1}", "KH", fields,
            "Kế hoạch thử tải phát hành.txt", "text/plain; charset=utf-8", document), Drafter, cancellationToken);
        await engine.SubmitAsync(planId, null, Drafter, cancellationToken);
        await engine.CompleteAsync(await OpenTaskAsync(dataSource, planId, cancellationToken), "approve", null, null, Reviewer, cancellationToken);
        await engine.CompleteAsync(await OpenTaskAsync(dataSource, planId, cancellationToken), "approve", null, "direct", Signer, cancellationToken);
        return await OpenTaskAsync(dataSource, planId, cancellationToken);
    }

    private static async Task<Guid> OpenTaskAsync(NpgsqlDataSource dataSource, Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<Guid>(new CommandDefinition(
            "SELECT id FROM human_tasks WHERE plan_id = @planId AND status = 'open'", new { planId }, cancellationToken: cancellationToken));
    }
}
