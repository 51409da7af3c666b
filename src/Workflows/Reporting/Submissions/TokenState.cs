namespace Workflows.Reporting.Submissions;

/// <summary>What a submission link's token opens.</summary>
public enum TokenState
{
    /// <summary>The request is open: the school may submit (late submissions included, until the period closes).</summary>
    Open,

    /// <summary>Not the shape of a token (43 base64url characters): shown as not found (404).</summary>
    Malformed,

    /// <summary>Well formed but no request has it (tampered or mistyped): not found (404).</summary>
    Unknown,

    /// <summary>The office revoked the link, or replaced it by a new one (410).</summary>
    Revoked,

    /// <summary>The period is closed (<c>reporting_periods.closes_at</c> passed): the link has expired (410).</summary>
    Expired,

    /// <summary>The plan the request comes from was recalled (thu hồi): the link takes nothing more (410).</summary>
    Recalled,
}
