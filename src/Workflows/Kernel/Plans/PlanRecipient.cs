namespace Workflows.Kernel.Plans;

/// <summary>One entry of the Nơi nhận list.</summary>
/// <param name="Name">The entry as written, without its bracketed purpose and trailing punctuation.</param>
/// <param name="Purpose">Purpose codes among b/c, t/h, c/đ, p/h, t/d, t/m; empty when none.</param>
/// <param name="Kind">External, internal (a unit of the issuing body) or archive (Lưu).</param>
public sealed record PlanRecipient(string Name, IReadOnlyList<string> Purpose, RecipientKind Kind);
