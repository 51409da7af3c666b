namespace Workflows.Audit;

/// <summary>Result of checking the audit chain.</summary>
/// <param name="Intact">True when every record's hash and link to the one before are right.</param>
/// <param name="Records">Number of records checked.</param>
/// <param name="FirstBrokenSeq">Sequence number of the first record whose hash or link is wrong, or null.</param>
/// <param name="Reason">What is wrong with it, or null.</param>
public sealed record AuditVerification(bool Intact, long Records, long? FirstBrokenSeq, string? Reason);
