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
/// engine), then the reviewers approve them all, each user completing one task after another. The p99 latency of one
/// completion is taken over every completion of the measured runs; the round trips per completion are counted in one more
/// run at 1 user, after the timed ones. At the end the audit chain must be intact.
/// </summary>
internal sealed class ApprovalThroughputScenario : IScenario
{
    private static readonly int[] Concurrency = [1, 8, 32];
    private const string Subject = "Kế hoạch thử tải số";

    public string Name => "approval";

    public string Description => "approval throughput: WorkflowEngine.CompleteAsync (review → sign), in-process Host";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        await using var host = context.CreateHost("approval", new Dictionary<string, string?> { ["Workflows:Distribution:SenderEnabled"] = "false" });
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
        foreach (var users in Concurrency)
        {
            var perRun = (users == 1 ? 300 : 1000) / (context.Options.Quick ? 5 : 1);
            var reviewers = Enumerable.Range(1, users)
                .Select(i => new Actor($"bench.kiemtra{i}", $"Người kiểm tra {i}", null, "PGDĐT", new HashSet<string> { "Reviewer" })).ToArray();
            var rates = new List<double>();
            var latencies = new List<double>();
            var commands = new List<double>();
            List<double> hostCpu = [], postgresCpu = [], active = [], advisory = [], wal = [], jit = [];
            for (var run = 0; run < warmups + runs; run++)
            {
                var (_, tasks) = await SubmittedPlans.PrepareAsync(store, engine, dataSource, drafter, perRun, Subject, null, "review", cancellationToken);
                var jitBefore = JitInfo.GetCompilationTime();
                var cpuBefore = cpu.Read();
                var sampler = new WaitSampler(context.Postgres.Cluster.ConnectionString(), database);
                var completed = await ConcurrentCompletions.RunAsync(engine, reviewers, tasks, "approve", cancellationToken);
                var cpuAfter = cpu.Read();
                // Stopped after every run, the warm-up's included: a sampler left running would add its queries to the CPU
                // figures of every later run.
                var waits = await sampler.StopAsync();
                await sampler.DisposeAsync();
                errors += completed.Refused;
                if (run < warmups) continue;
                active.Add(waits.Active);
                advisory.Add(waits.Advisory);
                wal.Add(waits.Wal);
                var count = completed.Latencies.Count;
                jit.Add((JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds / count);
                hostCpu.Add((cpuAfter.Host - cpuBefore.Host) / count);
                postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / count);
                rates.Add(completed.Rate);
                latencies.AddRange(completed.Latencies);
            }
            if (users == 1)
            {
                // Round trips are counted in a run of their own: listening to Npgsql's activities costs this process CPU on
                // every command, which the timed runs above must not pay.
                var (_, counted) = await SubmittedPlans.PrepareAsync(store, engine, dataSource, drafter, perRun, Subject, null, "review", cancellationToken);
                using var listener = NpgsqlCommands.Listen();
                var commandsBefore = NpgsqlCommands.Count;
                var completed = await ConcurrentCompletions.RunAsync(engine, reviewers, counted, "approve", cancellationToken);
                commands.Add((NpgsqlCommands.Count - commandsBefore) / (double)completed.Latencies.Count);
            }
            BenchContext.Log($"approval, {users} user(s): {rates.Order().ElementAt(rates.Count / 2):F0}/s");
            results.Add(Measurement.Of($"completions/s, {users} user{(users == 1 ? "" : "s")}", "/s", rates,
                users == 1 ? "≥ 60 % of pgbench -c 1" : users == 8 ? "≥ 40 % of pgbench -c 8" : null, higherIsBetter: true) with { Clients = users });
            results.Add(Measurement.Of($"latency of one completion, {users} user{(users == 1 ? "" : "s")}", "ms", latencies, users <= 8 ? "p99 < 50 ms" : null));
            results.Add(Measurement.Of($"CPU per completion, this process, {users} user{(users == 1 ? "" : "s")}", "ms", hostCpu));
            results.Add(Measurement.Of($"CPU per completion, PostgreSQL, {users} user{(users == 1 ? "" : "s")}", "ms", postgresCpu));
            notes.Add($"{users} user{(users == 1 ? "" : "s")}: on average {active.Average():F1} backends active, {advisory.Average():F1} waiting for the audit chain's lock, {wal.Average():F1} on WAL (pg_stat_activity every 5 ms)");
            notes.Add($"{users} user{(users == 1 ? "" : "s")}: JIT compilation during the measured runs {jit.Average():F3} ms per completion (part of this process's CPU)");
            if (commands.Count > 0) results.Add(Measurement.Of("round trips per completion (Npgsql commands and batches)", "n", commands));
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
