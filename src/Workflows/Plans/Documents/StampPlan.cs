namespace Workflows.Plans.Documents;

/// <summary>What numbering needs to stamp a prepared PDF: where its blanks are and the slots it draws in (stored as JSON).</summary>
/// <param name="Geometry">The blanks and the signer block.</param>
/// <param name="Slots">One slot per page that gets stamped text.</param>
public sealed record StampPlan(StampGeometry Geometry, IReadOnlyList<StampSlot> Slots);
