namespace Workflows.Kernel;

/// <summary>A request the engine refuses; nothing was changed.</summary>
public sealed class WorkflowException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="kind">How it is reported.</param>
    /// <param name="message">A sentence for the user (Vietnamese where it is shown in the UI).</param>
    /// <param name="field">The offending input field (camelCase, as in the JSON body), when there is one.</param>
    public WorkflowException(ErrorKind kind, string message, string? field = null) : base(message)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>How it is reported.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The offending input field, or null.</summary>
    public string? Field { get; }

    internal static WorkflowException NotFound(string what) => new(ErrorKind.NotFound, $"{what} không tồn tại.");

    internal static WorkflowException Forbidden(string message) => new(ErrorKind.Forbidden, message);

    internal static WorkflowException Conflict(string message) => new(ErrorKind.Conflict, message);

    internal static WorkflowException Invalid(string field, string message) => new(ErrorKind.Invalid, message, field);
}
