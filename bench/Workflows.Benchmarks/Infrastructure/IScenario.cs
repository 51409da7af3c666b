namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// One benchmark scenario. It prepares what it needs (a database, a Host), warms up, measures, and returns its
/// figures; the program resets and reads the peak memory around it and prints and stores the results. Add a scenario
/// by writing a class and listing it in Program.cs.
/// </summary>
internal interface IScenario
{
    /// <summary>Short name used by <c>--only</c>, e.g. <c>approval</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the scenario; <paramref name="notes"/> collects remarks for the report (errors seen, settings used).</summary>
    Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken);
}
