namespace Workflows.Definitions;

/// <summary>A workflow definition file is invalid: names the file, the JSON path and the reason.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    /// <summary>Creates the error.</summary>
    public WorkflowDefinitionException(string file, string jsonPath, string reason)
        : base($"Invalid workflow definition {file} at {jsonPath}: {reason}")
    {
        File = file;
        JsonPath = jsonPath;
        Reason = reason;
    }

    /// <summary>The file name (or another label for the source).</summary>
    public string File { get; }

    /// <summary>JSON path of the offending element, e.g. <c>$.steps[2].outcomes.approve.next</c>.</summary>
    public string JsonPath { get; }

    /// <summary>Why it is invalid.</summary>
    public string Reason { get; }
}
