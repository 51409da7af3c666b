namespace Workflows.Engine;

/// <summary>The names of human task timers (<c>Workflows.Reporting.Steps.TaskTimer</c>): their kind and each timer's name.</summary>
public static class TaskTimerNames
{
    /// <summary>The timer kind of human task timers.</summary>
    public const string Kind = "approval-task";

    /// <summary>The timer name of the escalation.</summary>
    public const string Escalate = "escalate";

    /// <summary>The timer name of the n-th reminder (1-based), e.g. <c>remind-1</c>.</summary>
    public static string Remind(int n) => $"remind-{n}";
}
