using System.Diagnostics;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// Counts the commands and batches Npgsql executes in this process (its "Npgsql" activity source: one activity per
/// command or batch, i.e. per round trip; BEGIN travels with the first command and the engine sends COMMIT inside its
/// last batch). Physical connection opens and the wait sampler's queries (database "postgres") are left out. Also adds up
/// the activities' durations: from the command's start (its writing) to the end of reading its results, i.e. the time a
/// caller waits on PostgreSQL (execution, the commit's WAL flush, the network and waking up the reader).
/// </summary>
internal static class NpgsqlCommands
{
    private static long _count;
    private static long _ticks;

    public static long Count => Interlocked.Read(ref _count);

    /// <summary>The counted commands' durations added up (ms).</summary>
    public static double Milliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;

    public static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // Physical connection opens are not per completion, and the wait sampler's queries go to the "postgres" database.
            ActivityStopped = activity =>
            {
                var database = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
                if (!activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal) && database as string != "postgres")
                {
                    Interlocked.Increment(ref _count);
                    Interlocked.Add(ref _ticks, activity.Duration.Ticks);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
