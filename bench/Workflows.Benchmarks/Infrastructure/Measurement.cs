namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// One figure: median and p99 over <see cref="Runs"/> samples taken after a warm-up. For a rate (higher is better) the
/// p99 is the slow end: the value that 99 % of the samples reached or exceeded; for a time it is the value 99 % of
/// the samples stayed at or below.
/// </summary>
internal sealed record Measurement(string Name, string Unit, int Runs, double Median, double P99, string? Goal = null, bool HigherIsBetter = false)
{
    /// <summary>This figure as a share of the pgbench ceiling (transactions per second), for rates only.</summary>
    public double? ShareOfPgbench { get; init; }

    /// <summary>
    /// False for a rate of rows written by one set-based statement (not one transaction or message each), which a share of
    /// pgbench's transactions per second would misrepresent.
    /// </summary>
    public bool ComparableToPgbench { get; init; } = true;

    /// <summary>For a rate: how many concurrent users or clients produced it; its share is taken of pgbench at as many clients.</summary>
    public int? Clients { get; init; }

    /// <summary>Median and p99 of <paramref name="samples"/> (nearest-rank).</summary>
    public static Measurement Of(string name, string unit, IReadOnlyCollection<double> samples, string? goal = null, bool higherIsBetter = false)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return new Measurement(name, unit, 0, double.NaN, double.NaN, goal, higherIsBetter);
        var rank = (int)Math.Ceiling(sorted.Length * 0.99) - 1;
        var p99 = higherIsBetter ? sorted[sorted.Length - 1 - rank] : sorted[rank];
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new Measurement(name, unit, sorted.Length, median, p99, goal, higherIsBetter);
    }
}
