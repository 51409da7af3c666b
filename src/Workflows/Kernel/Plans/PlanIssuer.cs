namespace Workflows.Kernel.Plans;

/// <summary>The issuing body as printed at the top left of the plan.</summary>
/// <param name="Parent">The parent body above it ("UBND THÀNH PHỐ UÔNG BÍ"), or null.</param>
/// <param name="Name">The issuing body ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), or null when not found.</param>
public sealed record PlanIssuer(string? Parent, string? Name);
