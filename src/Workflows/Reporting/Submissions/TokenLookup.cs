namespace Workflows.Reporting.Submissions;

/// <summary>What a token opens: its state and, unless malformed or unknown, its request.</summary>
/// <param name="State">Open, malformed, unknown, revoked or expired.</param>
/// <param name="Request">The request (with its submissions), null when malformed or unknown.</param>
public sealed record TokenLookup(TokenState State, RequestView? Request);
