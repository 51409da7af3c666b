namespace Workflows.Definitions;

/// <summary>One step of a workflow definition.</summary>
/// <param name="Id">Step id, unique in its definition.</param>
/// <param name="Kind">Human task, automatic action or end.</param>
/// <param name="Name">Vietnamese name shown to users.</param>
/// <param name="Role">Human tasks: the role whose holders may complete it (Drafter, Reviewer, Signer, Clerk, Admin).</param>
/// <param name="Status">Plan status while the plan waits at this human task, or the final status of an end step.</param>
/// <param name="DueInWorkingDays">Human tasks: working days (not calendar days) from the task's creation to its due time.</param>
/// <param name="Signing">Human tasks: completing it with its first outcome records the signature.</param>
/// <param name="Outcomes">Human tasks: the outcomes by name.</param>
/// <param name="Action">Action steps: the name of the automatic action.</param>
/// <param name="Next">Action steps: the id of the step that follows.</param>
public sealed record StepDefinition(
    string Id,
    StepKind Kind,
    string Name,
    string? Role,
    string? Status,
    int DueInWorkingDays,
    bool Signing,
    IReadOnlyDictionary<string, OutcomeDefinition> Outcomes,
    string? Action,
    string? Next)
{
    /// <summary>Notify steps (report-submission definitions): what is sent and when; null for other kinds.</summary>
    public NotifyStep? Notify { get; init; }

    /// <summary>Human tasks: how the task gets its holder (the role's queue, or the previous actor's choice).</summary>
    public AssignmentMode Assignment { get; init; }

    /// <summary>Human tasks: working days (Vietnam calendar) after the task's creation at which its holder is reminded by email, in order.</summary>
    public IReadOnlyList<int> Reminders { get; init; } = [];

    /// <summary>Human tasks: what happens when nobody completed the task in time; parallel steps: the same for each branch
    /// that has no escalation of its own (<see cref="ParallelBranch.Escalation"/>); null: nothing.</summary>
    public TaskEscalation? Escalation { get; init; }

    /// <summary>The escalation of this step's task, or of its branch <paramref name="branch"/> (the branch's own, else the step's); null: none.</summary>
    public TaskEscalation? EscalationOf(string? branch) =>
        branch is null ? Escalation : Branches.FirstOrDefault(b => b.Id == branch)?.Escalation ?? Escalation;

    /// <summary>Parallel steps: the branches opened at once.</summary>
    public IReadOnlyList<ParallelBranch> Branches { get; init; } = [];

    /// <summary>Parallel steps: when the step goes on and what a return does; null for other kinds.</summary>
    public ParallelJoin? Join { get; init; }

    /// <summary>Decision steps: the cases, tried in order.</summary>
    public IReadOnlyList<DecisionCase> Cases { get; init; } = [];
}
