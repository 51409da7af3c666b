namespace Workflows.Distribution.Receipts;

/// <summary>What a "Xác nhận đã nhận" link opens, as the recipient's page shows it.</summary>
/// <param name="State">Open, acknowledged, malformed, unknown, expired or recalled.</param>
/// <param name="Symbol">The plan's number and symbol, e.g. <c>05/KH-PGDĐT</c>; null when malformed or unknown.</param>
/// <param name="Subject">The plan's subject (trích yếu); null when malformed or unknown.</param>
/// <param name="RecipientName">Whom the link was sent to; null when malformed or unknown.</param>
/// <param name="AcknowledgedAt">When the recipient acknowledged (UTC), or null.</param>
/// <param name="RecallReason">Why the plan was recalled, when it was.</param>
public sealed record ReceiptLookup(ReceiptLinkState State, string? Symbol, string? Subject, string? RecipientName,
    DateTimeOffset? AcknowledgedAt, string? RecallReason);
