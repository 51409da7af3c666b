namespace Workflows.Organisation;

/// <summary>A setting of the organisation (roles, definition rules) is invalid: names the setting's path and the reason, on one line.</summary>
public sealed class WorkflowDefinitionSettingsException : Exception
{
    /// <summary>Creates the error.</summary>
    public WorkflowDefinitionSettingsException(string path, string reason) : base($"Invalid setting {path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The configuration path, e.g. <c>Workflows:Roles:2:Code</c>.</summary>
    public string Path { get; }

    /// <summary>Why it is invalid.</summary>
    public string Reason { get; }
}
