using System.Diagnostics;
using System.Text.Json;
using Workflows.Benchmarks;
using Workflows.Reading;

// Benchmarks, run by hand (never as timed tests): dotnet run -c Release --project bench/Workflows.Benchmarks
// Prints a table and writes the same figures to bench/results.json (median and p99 over repeated runs after a warm-up).
var root = RepositoryRoot();
var plans = Directory.GetFiles(Path.Combine(root, "..", "shared", "plans"), "*.txt").Order().ToList();
var results = new List<Measurement>();
var reader = new PlanReader();
foreach (var path in plans)
{
    var bytes = File.ReadAllBytes(path);
    results.Add(Measurement.Of($"read {Path.GetFileName(path)}", "ms per plan", warmup: 200, runs: 2000, () => reader.Read(bytes, path)));
}

Console.WriteLine($"{"benchmark",-52} {"median",10} {"p99",10}  unit");
foreach (var m in results) Console.WriteLine($"{m.Name,-52} {m.Median,10:F3} {m.P99,10:F3}  {m.Unit}");
var output = Path.Combine(root, "bench", "results.json");
File.WriteAllText(output, JsonSerializer.Serialize(new
{
    machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
    at = DateTimeOffset.UtcNow,
    results,
}, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
Console.WriteLine($"written to {output}");

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("Workflows.sln not found");
}

namespace Workflows.Benchmarks
{
    internal sealed record Measurement(string Name, string Unit, int Runs, double Median, double P99)
    {
        public static Measurement Of(string name, string unit, int warmup, int runs, Action action)
        {
            for (var i = 0; i < warmup; i++) action();
            var samples = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                action();
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(samples);
            return new Measurement(name, unit, runs, samples[runs / 2], samples[(int)Math.Ceiling(runs * 0.99) - 1]);
        }
    }
}
