namespace Workflows.Issuance;

/// <summary>A recall (thu hồi) or replacement of a released plan, as the head asks for it.</summary>
/// <param name="Reason">Why (required, at most 1,000 characters); every recipient reads it.</param>
/// <param name="ReplacedBy">The released plan of the same body that replaces it; null for a plain recall.</param>
public sealed record RecallInput(string? Reason, Guid? ReplacedBy = null);
