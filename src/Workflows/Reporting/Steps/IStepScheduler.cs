namespace Workflows.Reporting.Steps;

/// <summary>
/// The job scheduler as the engine sees it (implemented in the Host on Hangfire): one delayed job per step of a
/// reporting period at its exact instant. The database stays the source of truth: a job only
/// triggers the set-based, idempotent step, which checks the period's state and its step records when it runs, so a
/// job that is lost, late or run twice changes nothing, and the recurring catch-up runs whatever is due and not done.
/// Call these after the transaction that created or changed the periods has committed
/// (<see cref="Storage.UnitOfWork.AfterCommit"/>). Implementations log a storage failure instead of throwing: the
/// catch-up covers the step.
/// </summary>
public interface IStepScheduler
{
    /// <summary>Schedules one delayed job per step (an instant already past runs at once).</summary>
    void Schedule(IReadOnlyList<PeriodStep> steps);

    /// <summary>Deletes the pending (not yet run) jobs of the periods; a job already running finishes.</summary>
    void Cancel(IReadOnlyCollection<Guid> periodIds);

    /// <summary>The pending jobs of the periods, earliest first, as the scheduler stores them (instants in UTC).</summary>
    IReadOnlyList<PeriodStep> Upcoming(IReadOnlyCollection<Guid> periodIds);
}
