namespace Workflows.Benchmarks.Infrastructure;

/// <summary>What one scenario measured, with the peak resident memory of this process while it ran (MiB).</summary>
internal sealed record ScenarioResult(string Scenario, string Description, double PeakMemoryMiB, IReadOnlyList<Measurement> Measurements, IReadOnlyList<string> Notes);
