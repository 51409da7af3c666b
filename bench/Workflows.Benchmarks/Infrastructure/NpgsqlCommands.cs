using System.Diagnostics;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// Counts the commands and batches Npgsql executes in this process (its "Npgsql" activity source: one activity per
/// command or batch, i.e. per round trip; BEGIN travels with the first command, COMMIT is counted separately when
/// Npgsql traces it).
/// </summary>
internal static class NpgsqlCommands
{
    private static long _count;

    public static long Count => Interlocked.Read(ref _count);

    public static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = _ => Interlocked.Increment(ref _count),
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
