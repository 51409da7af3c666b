namespace Workflows.Reporting.Submissions;

/// <summary>The result of an accepted submission.</summary>
/// <param name="SubmissionId">The new submission.</param>
/// <param name="Version">Its version number for the request (1, 2…).</param>
/// <param name="SubmittedAt">When it was received (UTC).</param>
/// <param name="Late">True when after the deadline.</param>
public sealed record SubmissionReceipt(Guid SubmissionId, int Version, DateTimeOffset SubmittedAt, bool Late);
