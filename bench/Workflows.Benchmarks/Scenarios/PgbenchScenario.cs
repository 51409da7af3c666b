using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Workflows.Benchmarks.Infrastructure;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The ceiling of this machine: <c>pgbench</c> simple-update (<c>-N</c>) with 1, 4 and 8 clients, on the same
/// PostgreSQL server in the same run (a database of its own, initialised with <c>-i</c>). Median and p99 over the
/// per-second progress reports (<c>-P 1</c>); the first second is the warm-up. A rate measured with n users is compared
/// with pgbench at n clients (<see cref="CeilingFor"/>).
/// </summary>
internal sealed partial class PgbenchScenario : IScenario
{
    public string Name => "pgbench";

    public string Description => "pgbench simple-update (-N), 1, 4 and 8 clients, same server: the ceiling";

    private static readonly int[] ClientCounts = [1, 4, 8];

    private readonly Dictionary<int, double> _medianTps = [];

    /// <summary>Median transactions per second at 4 clients, the denominator of a share whose client count is not given.</summary>
    public double? MedianTps => _medianTps.TryGetValue(4, out var tps) ? tps : null;

    /// <summary>
    /// Median transactions per second of pgbench at <paramref name="clients"/> clients (1, 4 or 8; more than 8 compares
    /// with 8, none with 4); null when pgbench did not run.
    /// </summary>
    public double? CeilingFor(int? clients)
    {
        var key = clients switch { null => 4, <= 1 => 1, >= 8 => 8, _ => 4 };
        return _medianTps.TryGetValue(key, out var tps) ? tps : null;
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var pgbench = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists)
            .OrderDescending().FirstOrDefault() ?? throw new InvalidOperationException("pgbench not found under /usr/lib/postgresql/*/bin.");
        var database = context.Postgres.CreateDatabase("pgbench");
        var connection = $"-h 127.0.0.1 -p {context.Postgres.Cluster.Port} -U postgres";
        await RunAsync(pgbench, $"-i -q {connection} {database}", cancellationToken);
        var seconds = context.Options.PgbenchSeconds;
        var results = new List<Measurement>();
        foreach (var clients in ClientCounts)
        {
            var threads = Math.Min(clients, 2);
            var (stdout, stderr) = await RunAsync(pgbench, $"-N -c {clients} -j {threads} -T {seconds} -P 1 {connection} {database}", cancellationToken);
            var tps = new List<double>();
            var latencies = new List<double>();
            foreach (Match m in Progress().Matches(stderr))
            {
                tps.Add(double.Parse(m.Groups["tps"].Value, CultureInfo.InvariantCulture));
                latencies.Add(double.Parse(m.Groups["lat"].Value, CultureInfo.InvariantCulture));
            }
            if (tps.Count > 1) { tps.RemoveAt(0); latencies.RemoveAt(0); }
            var total = Total().Match(stdout);
            notes.Add($"pgbench {Path.GetDirectoryName(Path.GetDirectoryName(pgbench))}: -N -c {clients} -j {threads} -T {seconds} -P 1; overall {(total.Success ? total.Groups[1].Value : "?")} tps");
            var result = Measurement.Of($"transactions/s (simple-update, {clients} client{(clients == 1 ? "" : "s")})", "/s", tps, higherIsBetter: true)
                with { Clients = clients };
            _medianTps[clients] = result.Median;
            results.Add(result);
            results.Add(Measurement.Of($"average latency per second (pgbench's own), {clients} client{(clients == 1 ? "" : "s")}", "ms", latencies));
        }
        return results;
    }

    private static async Task<(string Stdout, string Stderr)> RunAsync(string executable, string arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pgbench did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench {arguments} failed: {await stdout}{await stderr}");
        return (await stdout, await stderr);
    }

    [GeneratedRegex(@"progress: [\d.]+ s, (?<tps>[\d.]+) tps, lat (?<lat>[\d.]+) ms")]
    private static partial Regex Progress();

    [GeneratedRegex(@"tps = ([\d.]+)")]
    private static partial Regex Total();
}
