using System.Text.Json;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Benchmarks.Scenarios;

// The benchmark program (never timed tests): bash scripts/bench.sh [--quick] [--only approval,release] [--durable] [--set key=value]
// Starts a real PostgreSQL and a real SMTP server (aiosmtpd), runs each scenario with the Host in this process,
// prints a table and writes the same figures to bench/results.json.

namespace Workflows.Benchmarks;

/// <summary>Entry point.</summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var (options, error) = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(error is null ? BenchOptions.Usage : error + "\n" + BenchOptions.Usage);
            return error is null ? 0 : 2;
        }
        var root = RepositoryRoot();
        var pgbench = new PgbenchScenario();
        IScenario[] scenarios =
        [
            new PlanReadingScenario(), pgbench, new ApprovalThroughputScenario(), new ParallelConsultationScenario(), new ReleaseScenario(),
            new ReportingOpenScenario(), new ReportingOverdueScenario(), new MailScenario(), new DocumentSigningScenario(), new ListsScenario(),
        ];
        var selected = scenarios.Where(s => options.Runs(s.Name)).ToList();
        if (selected.Count == 0)
        {
            Console.Error.WriteLine($"No scenario named {string.Join(", ", options.Only!)}; choose from {string.Join(", ", scenarios.Select(s => s.Name))}.");
            return 2;
        }

        BenchContext.Log($"PostgreSQL ({(options.Durable ? "durable: fsync on" : "fsync off, synchronous_commit off")}) and aiosmtpd starting");
        using var postgres = new BenchPostgres(options.Durable, options.ExplainMs, Path.Combine(root, "bench", "postgres-profile.log"));
        using var smtp = new BenchSmtpServer();
        var context = new BenchContext(options, root, postgres, smtp);
        var results = new List<ScenarioResult>();
        foreach (var scenario in selected)
        {
            BenchContext.Log($"{scenario.Name}: {scenario.Description}");
            var notes = new List<string>();
            PeakMemory.Reset();
            var measurements = await scenario.RunAsync(context, notes, CancellationToken.None);
            results.Add(new ScenarioResult(scenario.Name, scenario.Description, Math.Round(PeakMemory.PeakMiB(), 1), measurements, notes));
            postgres.Profile(scenario.Name);
        }
        if (pgbench.MedianTps is > 0)
        {
            results = results.Select(r => r with
            {
                Measurements = r.Measurements.Select(m => m.HigherIsBetter && m.ComparableToPgbench && r.Scenario != "pgbench"
                    && pgbench.CeilingFor(m.Clients) is > 0 and var ceiling ? m with { ShareOfPgbench = m.Median / ceiling } : m).ToList(),
            }).ToList();
        }

        var machine = new
        {
            cores = Environment.ProcessorCount,
            cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null,
            memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
            os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            dotnet = Environment.Version.ToString(),
            postgres = postgres.Settings(),
        };
        Console.WriteLine();
        Console.WriteLine($"{machine.cores} cores, {machine.cpu}, {machine.memoryGiB} GiB; {machine.os}; .NET {machine.dotnet}; PostgreSQL {machine.postgres}");
        Console.WriteLine("Peak memory: VmHWM of this process (the benchmark, hosting the Host in-process), reset before each scenario.");
        Console.WriteLine("For rates, p99 is the slow end: the rate 99 % of samples reached.");
        foreach (var r in results)
        {
            Console.WriteLine();
            Console.WriteLine($"== {r.Scenario}: {r.Description} — peak memory {r.PeakMemoryMiB:F0} MiB");
            Console.WriteLine($"{"",-58} {"median",10} {"p99",10} {"unit",-4} {"share",7}  goal");
            foreach (var m in r.Measurements)
                Console.WriteLine($"{m.Name,-58} {m.Median,10:F2} {m.P99,10:F2} {m.Unit,-4} {(m.ShareOfPgbench is { } s ? $"{s:P0}" : ""),7}  {m.Goal}");
            foreach (var n in r.Notes) Console.WriteLine($"  · {n}");
        }
        var output = Path.Combine(root, "bench", "results.json");
        File.WriteAllText(output, JsonSerializer.Serialize(new { machine, at = DateTimeOffset.UtcNow, options, pgbenchMedianTps = pgbench.MedianTps, scenarios = results },
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        Console.WriteLine();
        Console.WriteLine($"written to {output}");
        return 0;
    }

    private static string RepositoryRoot() =>
        RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
}
