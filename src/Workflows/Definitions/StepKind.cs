namespace Workflows.Definitions;

/// <summary>What a step of a workflow definition does.</summary>
public enum StepKind
{
    /// <summary>Waits for a person holding the step's role to choose one of its outcomes.</summary>
    HumanTask,

    /// <summary>Runs a named automatic action (issue number, release, activate reporting…) and moves on.</summary>
    Action,

    /// <summary>Sends the messages of a report period at a time set from its opening or deadline (report-submission definitions).</summary>
    Notify,

    /// <summary>Opens one human task per branch at once (consultation) and goes on by its join: <c>agreed</c> or <c>returned</c>.</summary>
    Parallel,

    /// <summary>Goes to the first case whose expression over the plan's fields is true, else to <c>otherwise</c>, at once.</summary>
    Decision,

    /// <summary>Ends the instance and gives the plan its final status.</summary>
    End,
}
