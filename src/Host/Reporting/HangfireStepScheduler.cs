using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Workflows.Reporting.Steps;

namespace Workflows.Host.Reporting;

/// <summary>
/// <see cref="IStepScheduler"/> on Hangfire: each period step is one delayed job (<see cref="ReportingStepJob"/>,
/// <see cref="ScheduledState"/> at the step's UTC instant). Which jobs belong to a period (or, for the timer jobs of before
/// migration 0730, see <see cref="TaskTimerJob"/>, to a timer's subject) is kept in a Hangfire set per period, <c>reporting-period:{id}</c>
/// (items <c>{step}:{jobId}</c>), so that cancelling deletes them and the schedule's page reads their instants. A failure of
/// the job storage is logged, not thrown: the transaction that called it has committed and the recurring catch-up runs
/// every due step anyway.
/// </summary>
internal sealed class HangfireStepScheduler(JobStorage storage, IBackgroundJobClient client, ILogger<HangfireStepScheduler> logger) : IStepScheduler
{
    /// <summary>The set of a period's jobs.</summary>
    public static string PeriodSet(Guid periodId) => $"reporting-period:{periodId:D}";

    /// <summary>The set of a subject's timers of one kind.</summary>
    public static string TimerSet(string kind, Guid subjectId) => $"timer:{kind}:{subjectId:D}";

    public void Schedule(IReadOnlyList<PeriodStep> steps)
    {
        if (steps.Count == 0) return;
        try
        {
            var created = steps.Select(s => (Step: s, JobId: client.Create(
                Job.FromExpression<ReportingStepJob>(j => j.RunAsync(s.PeriodId, s.Step, null, CancellationToken.None)),
                new ScheduledState(s.At.UtcDateTime)))).ToList();
            using var connection = storage.GetConnection();
            using var transaction = connection.CreateWriteTransaction();
            foreach (var (step, jobId) in created) transaction.AddToSet(PeriodSet(step.PeriodId), $"{step.Step}:{jobId}", step.At.ToUnixTimeSeconds());
            transaction.Commit();
            logger.LogInformation("Scheduled {Jobs} reporting step jobs for {Periods} periods", created.Count, steps.Select(s => s.PeriodId).Distinct().Count());
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogError(e, "Could not schedule {Steps} reporting step jobs; the catch-up job runs them when due", steps.Count);
        }
    }

    public void Cancel(IReadOnlyCollection<Guid> periodIds)
    {
        if (periodIds.Count == 0) return;
        try
        {
            var deleted = 0;
            foreach (var periodId in periodIds) deleted += DeleteSet(PeriodSet(periodId), _ => true);
            logger.LogInformation("Deleted {Jobs} pending reporting step jobs of {Periods} periods", deleted, periodIds.Count);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            logger.LogError(e, "Could not delete the pending jobs of {Periods} periods; each finds its period cancelled or changed and does nothing", periodIds.Count);
        }
    }

    public IReadOnlyList<PeriodStep> Upcoming(IReadOnlyCollection<Guid> periodIds)
    {
        var steps = new List<PeriodStep>();
        using var connection = storage.GetConnection();
        foreach (var periodId in periodIds)
        {
            foreach (var (name, jobId) in Items(connection, PeriodSet(periodId)))
            {
                var state = connection.GetStateData(jobId);
                if (state?.Name != ScheduledState.StateName || !state.Data.TryGetValue("EnqueueAt", out var enqueueAt)) continue;
                steps.Add(new PeriodStep(periodId, name, new DateTimeOffset(JobHelper.DeserializeDateTime(enqueueAt), TimeSpan.Zero)));
            }
        }
        return steps.OrderBy(s => s.At).ToList();
    }

    /// <summary>Removes a finished job's item from its set (called by the job itself).</summary>
    public void Forget(string set, string item)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveFromSet(set, item);
        transaction.Commit();
    }

    /// <summary>Deletes the pending jobs of the set's items whose name matches and removes those items; returns how many jobs it deleted.</summary>
    private int DeleteSet(string set, Func<string, bool> which)
    {
        using var connection = storage.GetConnection();
        var items = Items(connection, set).Where(i => which(i.Name)).ToList();
        var deleted = items.Count(i => client.ChangeState(i.JobId, new DeletedState(), ScheduledState.StateName)
                                     || client.ChangeState(i.JobId, new DeletedState(), EnqueuedState.StateName));
        using var transaction = connection.CreateWriteTransaction();
        foreach (var (name, jobId) in items) transaction.RemoveFromSet(set, $"{name}:{jobId}");
        transaction.Commit();
        return deleted;
    }

    private static IEnumerable<(string Name, string JobId)> Items(IStorageConnection connection, string set) =>
        connection.GetAllItemsFromSet(set).Select(item =>
        {
            var colon = item.LastIndexOf(':');
            return (item[..colon], item[(colon + 1)..]);
        }).OrderBy(i => long.Parse(i.Item2, CultureInfo.InvariantCulture));

    private static bool IsStorageFailure(Exception e) =>
        e is Npgsql.NpgsqlException or BackgroundJobClientException or TimeoutException;
}
