namespace Workflows.Audit;

/// <summary>Result of checking the audit chain.</summary>
/// <param name="Intact">True when every sealed record's hash and link to the one before are right.</param>
/// <param name="Records">Number of sealed records checked.</param>
/// <param name="FirstBrokenSeq">Sequence number of the first record (in chain order) whose hash or link is wrong, or null.</param>
/// <param name="Reason">What is wrong with it, or null.</param>
/// <param name="Unsealed">Records written but not yet chained (their transactions may still be open, or the sealer has not run yet).</param>
/// <param name="OldestUnsealedSeconds">How long the oldest unsealed record has waited, in seconds (0 when none).</param>
public sealed record AuditVerification(bool Intact, long Records, long? FirstBrokenSeq, string? Reason, long Unsealed = 0, double OldestUnsealedSeconds = 0);
