using System.Collections.Concurrent;
using System.Runtime;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Audit;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Human-task completions per second through <see cref="WorkflowEngine.CompleteAsync"/> with 1, 8 and 32 concurrent
/// users: each run prepares plans waiting at the review step (created and submitted through the plan store and the
/// engine), then the reviewers approve them all, each user completing one task after another. At 1 user a second level
/// has the plans prepared by another node (a second Host on the database), whose tasks this node has no copy of: each
/// completion then reads and locks its task before deciding (two round trips instead of one). The p99 latency of one
/// completion is taken over every completion of the measured runs. One more run per level, after the timed ones, is
/// observed: what PostgreSQL's backends wait for and, at 1 user, the round trips per completion and the time spent in them.
/// At the end the audit chain must be intact.
/// </summary>
internal sealed class ApprovalThroughputScenario : IScenario
{
    /// <summary>The levels: concurrent users, and whether another node (a second Host on the database) opened their tasks.</summary>
    private static readonly (int Users, bool OpenedElsewhere)[] Levels = [(1, false), (1, true), (8, false), (32, false)];
    private const string Subject = "Kế hoạch thử tải số";

    /// <summary>The Host's settings: no outbox sender (no message leaves the benchmark).</summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["Workflows:Distribution:SenderEnabled"] = "false" };

    public string Name => "approval";

    public string Description => "approval throughput: WorkflowEngine.CompleteAsync (review → sign), in-process Host";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        await using var host = context.CreateHost("approval", Settings);
        var services = host.Services;
        var engine = services.GetRequiredService<WorkflowEngine>();
        var store = services.GetRequiredService<PlanStore>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database!;
        var drafter = new Actor("bench.chuyenvien", "Chuyên viên thử tải", null, "PGDĐT", new HashSet<string> { "Drafter" });
        var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 5);
        var results = new List<Measurement>();
        var errors = 0;
        var cpu = context.Postgres.Cpu();
        await WarmUpAsync(store, engine, dataSource, drafter, notes, context.Options.Quick, cancellationToken);
        foreach (var (users, elsewhere) in Levels)
        {
            var perRun = (users == 1 ? 300 : 1000) / (context.Options.Quick ? 5 : 1);
            var label = $"{users} user{(users == 1 ? "" : "s")}{(elsewhere ? ", tasks opened by another node" : "")}";
            BenchContext.Log($"approval, {label}: starting");
            // Tasks opened by another node: this node has no copy of them, so each completion reads and locks its task first
            // (two round trips), as after a restart or on a node that did not open the task. The other node lives for this
            // level only (its hosted services would otherwise run beside the other levels).
            await using var opener = elsewhere ? context.CreateNode(host.ConnectionString, Settings) : null;
            var (openStore, openEngine, openSource) = opener is null ? (store, engine, dataSource)
                : (opener.Services.GetRequiredService<PlanStore>(), opener.Services.GetRequiredService<WorkflowEngine>(), opener.Services.GetRequiredService<NpgsqlDataSource>());
            var reviewers = Enumerable.Range(1, users)
                .Select(i => new Actor($"bench.kiemtra{i}", $"Người kiểm tra {i}", null, "PGDĐT", new HashSet<string> { "Reviewer" })).ToArray();
            var rates = new List<double>();
            var latencies = new List<double>();
            var commands = new List<double>();
            List<double> waiting = [], between = [];
            List<double> hostCpu = [], postgresCpu = [], active = [], locks = [], wal = [], jit = [], gcPause = [];
            for (var run = 0; run < warmups + runs; run++)
            {
                var (_, tasks) = await SubmittedPlans.PrepareAsync(openStore, openEngine, openSource, drafter, perRun, Subject, null, "review", cancellationToken);
                var jitBefore = JitInfo.GetCompilationTime();
                var pauseBefore = GC.GetTotalPauseDuration();
                var cpuBefore = cpu.Read();
                var completed = await ConcurrentCompletions.RunAsync(engine, reviewers, tasks, "approve", cancellationToken);
                var cpuAfter = cpu.Read();
                errors += completed.Refused;
                if (run < warmups) continue;
                var count = completed.Latencies.Count;
                jit.Add((JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds / count);
                gcPause.Add((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / count);
                hostCpu.Add((cpuAfter.Host - cpuBefore.Host) / count);
                postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / count);
                rates.Add(completed.Rate);
                latencies.AddRange(completed.Latencies);
            }
            {
                // One more run, observed, after the timed ones: what the backends wait for (pg_stat_activity every 5 ms) and,
                // at 1 user, the round trips per completion and the time spent waiting on them (Npgsql's activities). The
                // sampler's queries and the activity listener cost CPU on both sides, which the timed runs must not pay.
                var (_, observed) = await SubmittedPlans.PrepareAsync(openStore, openEngine, openSource, drafter, perRun, Subject, null, "review", cancellationToken);
                using var listener = users == 1 ? NpgsqlCommands.Listen() : null;
                var commandsBefore = NpgsqlCommands.Count;
                var waitedBefore = NpgsqlCommands.Milliseconds;
                var sampler = new WaitSampler(context.Postgres.Cluster.ConnectionString(), database);
                var completed = await ConcurrentCompletions.RunAsync(engine, reviewers, observed, "approve", cancellationToken);
                var waits = await sampler.StopAsync();
                await sampler.DisposeAsync();
                errors += completed.Refused;
                active.Add(waits.Active);
                locks.Add(waits.Locks);
                wal.Add(waits.Wal);
                if (listener is not null)
                {
                    var count = completed.Latencies.Count;
                    commands.Add((NpgsqlCommands.Count - commandsBefore) / (double)count);
                    // A completion's time split in two: waiting on its round trips, and everything else (this process's work
                    // before, between and after them, renting the connection included).
                    var waited = (NpgsqlCommands.Milliseconds - waitedBefore) / count;
                    waiting.Add(waited);
                    between.Add(completed.Latencies.Average() - waited);
                }
            }
            BenchContext.Log($"approval, {label}: {rates.Order().ElementAt(rates.Count / 2):F0}/s");
            results.Add(Measurement.Of($"completions/s, {label}", "/s", rates,
                elsewhere ? null : users == 1 ? "≥ 60 % of pgbench -c 1" : users == 8 ? "≥ 40 % of pgbench -c 8" : null, higherIsBetter: true) with { Clients = users });
            results.Add(Measurement.Of($"latency of one completion, {label}", "ms", latencies, users <= 8 ? "p99 < 50 ms" : null));
            results.Add(Measurement.Of($"CPU per completion, this process, {label}", "ms", hostCpu));
            results.Add(Measurement.Of($"CPU per completion, PostgreSQL, {label}", "ms", postgresCpu));
            notes.Add($"{label} (observed run): on average {active.Average():F1} backends active, {locks.Average():F1} waiting on a lock, {wal.Average():F1} on WAL (pg_stat_activity every 5 ms)");
            var sorted = latencies.Order().ToArray();
            double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
            notes.Add($"{label}: latency p50 {At(0.5):F2}, p90 {At(0.9):F2}, p95 {At(0.95):F2}, p99 {At(0.99):F2}, max {sorted[^1]:F2} ms; mean {sorted.Average():F2} ms, of which {sorted.Where(l => l > 2 * At(0.5)).Sum() / sorted.Length:F2} ms from completions slower than twice the median");
            notes.Add($"{label}: JIT compilation during the measured runs {jit.Average():F3} ms per completion (part of this process's CPU); garbage collection paused this process {gcPause.Average():F3} ms per completion");
            if (commands.Count > 0)
            {
                results.Add(Measurement.Of($"round trips per completion, {label} (Npgsql commands and batches)", "n", commands));
                results.Add(Measurement.Of($"of one completion, waiting on its round trips ({label}, counted run)", "ms", waiting));
                results.Add(Measurement.Of($"of one completion, outside its round trips ({label}, counted run)", "ms", between));
            }
        }
        var verification = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
        notes.Add($"{warmups} warm-up run and {runs} measured runs per level, {(context.Options.Quick ? "60/200" : "300/1,000")} completions per run (1 user / 8 and 32 users)");
        notes.Add($"audit chain after the scenario: {(verification.Intact ? "intact" : "BROKEN at " + verification.FirstBrokenSeq)}, {verification.Records:N0} records");
        if (errors > 0) notes.Add($"{errors} completions refused (WorkflowException) — there should be none");
        return results;
    }

    /// <summary>
    /// Runs completions at 8 users, 1,000 a round (200 with --quick), until a round compiles fewer than 200 methods (at most
    /// 10 rounds): the runtime compiles a method again, optimised, after it has been called often (tiered compilation,
    /// with profile-guided instrumentation in between), and a Host just started spends several seconds doing so. Without
    /// this the first level measured (1 user) would pay for the compiler's work in its CPU figure.
    /// </summary>
    private static async Task WarmUpAsync(PlanStore store, WorkflowEngine engine, NpgsqlDataSource dataSource, Actor drafter, IList<string> notes,
        bool quick, CancellationToken cancellationToken)
    {
        var users = Enumerable.Range(1, 8)
            .Select(i => new Actor($"bench.khoidong{i}", $"Người kiểm tra {i}", null, "PGDĐT", new HashSet<string> { "Reviewer" })).ToArray();
        var compiledPerRound = new List<long>();
        for (var round = 0; round < 10; round++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            var (_, tasks) = await SubmittedPlans.PrepareAsync(store, engine, dataSource, drafter, quick ? 200 : 1000, Subject, null, "review", cancellationToken);
            await ConcurrentCompletions.RunAsync(engine, users, tasks, "approve", cancellationToken);
            compiledPerRound.Add(JitInfo.GetCompiledMethodCount() - before);
            if (compiledPerRound[^1] < 200) break;
        }
        notes.Add($"warm-up before the levels: {compiledPerRound.Count} rounds of completions at 8 users; methods compiled per round: {string.Join(", ", compiledPerRound)}");
    }
}
