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
}
