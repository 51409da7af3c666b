namespace Workflows.Reporting.Submissions;

/// <summary>A submission arrived for a link that is no longer open (revoked, expired or unknown); nothing was stored.</summary>
public sealed class SubmissionClosedException(TokenState state) : Exception($"The submission link is {state}.")
{
    /// <summary>Why the link does not take submissions.</summary>
    public TokenState State { get; } = state;
}
