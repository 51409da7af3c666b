using System.Collections.Concurrent;
using System.Diagnostics;
using Workflows.Engine;
using Workflows.Kernel;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// The users of a run completing tasks at once: each user, on a thread-pool task of their own, takes the next task of one
/// shared queue and completes it with one outcome through <see cref="WorkflowEngine.CompleteAsync(Guid, string, string?, string?, Actor, CancellationToken)"/>,
/// one after another, until the queue is empty. Shared by the <c>approval</c> and <c>parallel</c> scenarios.
/// </summary>
internal static class ConcurrentCompletions
{
    /// <summary>What one run gave: the latency of each completion (ms), the run's wall time (s), and the completions refused.</summary>
    public sealed record Run(IReadOnlyCollection<double> Latencies, double Seconds, int Refused)
    {
        /// <summary>Completions per second.</summary>
        public double Rate => Latencies.Count / Seconds;
    }

    /// <summary>
    /// Completes every task of <paramref name="tasks"/> (in that order, taken by whichever user is free) with
    /// <paramref name="outcome"/>; a completion the engine refuses (<see cref="WorkflowException"/>) is counted, not timed.
    /// </summary>
    public static async Task<Run> RunAsync(WorkflowEngine engine, IReadOnlyList<Actor> users, IEnumerable<Guid> tasks, string outcome,
        CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<Guid>(tasks);
        var latencies = new ConcurrentBag<double>();
        var refused = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var taskId))
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await engine.CompleteAsync(taskId, outcome, null, null, user, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (WorkflowException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }, cancellationToken)));
        return new Run(latencies, Stopwatch.GetElapsedTime(start).TotalSeconds, refused);
    }
}
