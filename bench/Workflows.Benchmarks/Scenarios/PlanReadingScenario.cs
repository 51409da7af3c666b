using System.Diagnostics;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Reading;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>Reads each plan of <c>../shared/plans/</c> with the plan reader (no database): ms per plan.</summary>
internal sealed class PlanReadingScenario : IScenario
{
    public string Name => "reading";

    public string Description => "plan reader: each plan of ../shared/plans, ms per plan";

    public Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var (warmup, runs) = context.Options.Quick ? (50, 300) : (200, 2000);
        var reader = new PlanReader();
        var results = new List<Measurement>();
        var plans = Directory.GetFiles(Path.Combine(context.RepositoryRoot, "..", "shared", "plans"), "*.txt").Order().ToList();
        foreach (var path in plans)
        {
            var bytes = File.ReadAllBytes(path);
            for (var i = 0; i < warmup; i++) reader.Read(bytes, path);
            var samples = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                reader.Read(bytes, path);
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            results.Add(Measurement.Of($"read {Path.GetFileName(path)}", "ms", samples, "< 5 ms"));
        }
        notes.Add($"{warmup} warm-up reads, then {runs} measured reads per plan");
        return Task.FromResult<IReadOnlyList<Measurement>>(results);
    }
}
