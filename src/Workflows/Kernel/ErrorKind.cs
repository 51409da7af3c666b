namespace Workflows.Kernel;

/// <summary>How a refused request is reported (the Host maps these to HTTP status codes).</summary>
public enum ErrorKind
{
    /// <summary>The thing asked for does not exist (404).</summary>
    NotFound,

    /// <summary>The actor's role or body does not allow it (403).</summary>
    Forbidden,

    /// <summary>The state changed meanwhile or does not allow it now (409).</summary>
    Conflict,

    /// <summary>The input breaks a rule; <see cref="WorkflowException.Field"/> names the field (422).</summary>
    Invalid,
}
