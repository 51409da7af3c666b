namespace Workflows.Definitions;

/// <summary>A parsed and validated workflow definition of one version.</summary>
/// <param name="Id">Definition id, e.g. <c>plan-approval</c>.</param>
/// <param name="Version">Version number; a running instance keeps the version it started with.</param>
/// <param name="Name">Vietnamese name.</param>
/// <param name="Start">Id of the first step.</param>
/// <param name="Steps">Steps by id.</param>
/// <param name="Json">The file's JSON text, stored with the version.</param>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    string Name,
    string Start,
    IReadOnlyDictionary<string, StepDefinition> Steps,
    string Json)
{
    /// <summary>The step with id <paramref name="stepId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such step.</exception>
    public StepDefinition Step(string stepId) => Steps[stepId];

    /// <summary>Kind of a plan's approval workflow (human tasks, actions, end steps).</summary>
    public const string PlanApprovalKind = "planApproval";

    /// <summary>Kind of a recurring report workflow (notify steps timed from each period's opening and deadline).</summary>
    public const string ReportSubmissionKind = "reportSubmission";

    /// <summary><see cref="PlanApprovalKind"/> (the default) or <see cref="ReportSubmissionKind"/>.</summary>
    public string Kind { get; init; } = PlanApprovalKind;

    /// <summary>Role codes whose holders may reassign any open task of the definition's instances in their body (<c>"supervisors"</c>).</summary>
    public IReadOnlyList<string> Supervisors { get; init; } = [];

    /// <summary>The notify steps in file order (report-submission definitions).</summary>
    public IEnumerable<StepDefinition> NotifySteps => Steps.Values.Where(s => s.Kind == StepKind.Notify);
}
