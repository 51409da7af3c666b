using System.Collections.Concurrent;
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
/// Branch answers per second of a parallel consultation with five branches (join <c>all</c>) through
/// <see cref="WorkflowEngine.CompleteAsync"/>, 8 concurrent users, beside <c>approval</c>'s single-task completions and
/// <c>pgbench -N -c 8</c> of the same run. Each run prepares plans waiting at the consultation (created and submitted
/// through the plan store and the engine on the definition <c>bench-parallel-five</c>, written for the run beside the
/// repository's definitions); the users then answer every branch in a shuffled order, so branches of one plan meet only
/// by chance, as in an office. Every fifth answer of a plan decides the join: it closes the step and opens the signing
/// task in the same transaction. The plans must all reach the signing step.
/// </summary>
internal sealed class ParallelConsultationScenario : IScenario
{
    private const int Users = 8;
    private const int Branches = 5;
    private const string DefinitionId = "bench-parallel-five";

    public string Name => "parallel";

    public string Description => $"parallel consultation: {Branches} branches (join all), branch answers through WorkflowEngine.CompleteAsync, {Users} users";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var definitions = WriteDefinitions(context.RepositoryRoot);
        try
        {
            await using var host = context.CreateHost("parallel", new Dictionary<string, string?>
            {
                ["Workflows:Distribution:SenderEnabled"] = "false",
                ["Workflows:DefinitionsDirectory"] = definitions,
            });
            var services = host.Services;
            var engine = services.GetRequiredService<WorkflowEngine>();
            var store = services.GetRequiredService<PlanStore>();
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var drafter = new Actor("bench.chuyenvien", "Chuyên viên thử tải", null, "PGDĐT", new HashSet<string> { Roles.Drafter });
            var users = Enumerable.Range(1, Users)
                .Select(i => new Actor($"bench.gopy{i}", $"Người góp ý {i}", null, "PGDĐT", new HashSet<string> { Roles.Reviewer })).ToArray();
            var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 5);
            var plansPerRun = context.Options.Quick ? 40 : 200;
            var rates = new List<double>();
            var latencies = new List<double>();
            var joins = new List<double>();
            var hostCpu = new List<double>();
            var postgresCpu = new List<double>();
            var cpu = context.Postgres.Cpu();
            var errors = 0;
            var unfinished = 0L;
            for (var run = 0; run < warmups + runs; run++)
            {
                var (plans, tasks) = await SubmittedPlans.PrepareAsync(store, engine, dataSource, drafter, plansPerRun, "Kế hoạch lấy ý kiến thử tải số", DefinitionId, "consult", cancellationToken);
                var cpuBefore = cpu.Read();
                var completed = await ConcurrentCompletions.RunAsync(engine, users, tasks.OrderBy(_ => Random.Shared.Next()), "agree", cancellationToken);
                errors += completed.Refused;
                var cpuAfter = cpu.Read();
                unfinished += await WaitingAsync(dataSource, plans, cancellationToken);
                if (run < warmups) continue;
                rates.Add(completed.Rate);
                joins.Add(plans.Count / completed.Seconds);
                hostCpu.Add((cpuAfter.Host - cpuBefore.Host) / completed.Latencies.Count);
                postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / completed.Latencies.Count);
                latencies.AddRange(completed.Latencies);
            }
            BenchContext.Log($"parallel, {Users} users: {rates.Order().ElementAt(rates.Count / 2):F0} branch answers/s");
            var verification = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
            notes.Add($"{warmups} warm-up run and {runs} measured runs, {plansPerRun} plans × {Branches} branches per run; the tasks answered in a shuffled order");
            notes.Add($"audit chain after the scenario: {(verification.Intact ? "intact" : "BROKEN at " + verification.FirstBrokenSeq)}, {verification.Records:N0} records");
            if (errors > 0) notes.Add($"{errors} answers refused (WorkflowException) — there should be none");
            if (unfinished > 0) notes.Add($"{unfinished} plans did not reach the signing step — there should be none");
            return
            [
                Measurement.Of($"branch answers/s, {Users} users", "/s", rates, $"beside approval's completions/s at {Users} users", higherIsBetter: true) with { Clients = Users },
                Measurement.Of($"consultations joined/s ({Branches} answers each), {Users} users", "/s", joins, higherIsBetter: true) with { ComparableToPgbench = false },
                Measurement.Of($"latency of one branch answer, {Users} users", "ms", latencies, "p99 < 50 ms"),
                Measurement.Of($"CPU per answer, this process, {Users} users", "ms", hostCpu),
                Measurement.Of($"CPU per answer, PostgreSQL, {Users} users", "ms", postgresCpu),
            ];
        }
        finally
        {
            Directory.Delete(definitions, recursive: true);
        }
    }

    /// <summary>
    /// A definitions folder: the repository's definitions without the selection rules (so that the benchmark may name its
    /// own) and <c>bench-parallel-five.json</c>: draft → five branches for the Reviewer role, join all → sign → end.
    /// </summary>
    private static string WriteDefinitions(string repositoryRoot)
    {
        var folder = Directory.CreateTempSubdirectory("bench-definitions-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "workflows-definitions"), "*.json")
                     .Where(f => !f.EndsWith("definition-rules.json", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var branches = string.Join(",\n        ", Enumerable.Range(1, Branches)
            .Select(i => $$"""{ "id": "don-vi-{{i}}", "name": "Ý kiến đơn vị {{i}}", "role": "Reviewer" }"""));
        File.WriteAllText(Path.Combine(folder, DefinitionId + ".json"), $$"""
            {
              "id": "{{DefinitionId}}",
              "version": 1,
              "name": "Lấy ý kiến năm đơn vị (thử tải)",
              "start": "draft",
              "steps": [
                { "id": "draft", "kind": "humanTask", "name": "Soạn thảo", "role": "Drafter", "status": "draft", "dueInWorkingDays": 3,
                  "outcomes": { "submit": { "next": "consult" } } },
                { "id": "consult", "kind": "parallel", "name": "Lấy ý kiến các đơn vị", "status": "in-consultation", "dueInWorkingDays": 3,
                  "branches": [
                    {{branches}}
                  ],
                  "join": "all",
                  "onReturn": "countAsDissent",
                  "outcomes": { "agreed": { "next": "sign" }, "returned": { "next": "draft", "status": "returned" } } },
                { "id": "sign", "kind": "humanTask", "name": "Ký ban hành", "role": "Signer", "status": "awaiting-signature", "dueInWorkingDays": 2,
                  "outcomes": { "approve": { "next": "done" } } },
                { "id": "done", "kind": "end", "name": "Xong", "status": "approved" }
              ]
            }
            """);
        return folder;
    }

    /// <summary>How many of <paramref name="plans"/> are not waiting at the signing step.</summary>
    private static async Task<long> WaitingAsync(NpgsqlDataSource dataSource, IReadOnlyList<Guid> plans, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM plans WHERE id = ANY(@ids) AND status <> 'awaiting-signature'",
            new { ids = plans.ToArray() }, cancellationToken: cancellationToken));
    }
}
