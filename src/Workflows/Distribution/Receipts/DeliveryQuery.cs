namespace Workflows.Distribution.Receipts;

/// <summary>Which recipients of a released plan to list, and which page.</summary>
/// <param name="Text">Words to find in the recipient's name or address (case-insensitive); null or blank for all.</param>
/// <param name="State">One of <see cref="States"/>, or null for all.</param>
/// <param name="Sort"><c>ten</c> (name A–Z, the default), <c>dia-chi</c> (address A–Z) or <c>tinh-trang</c> (failed first, then queued, sent, acknowledged, withdrawn).</param>
/// <param name="Page">Page number from 1 (a page past the end gives the last one).</param>
/// <param name="PageSize">Recipients per page, 1–500.</param>
public sealed record DeliveryQuery(string? Text = null, string? State = null, string? Sort = null, int Page = 1, int PageSize = 50)
{
    /// <summary>The states a recipient can be in, as <see cref="RecipientDelivery.State"/> gives them.</summary>
    public static readonly IReadOnlyList<string> States = ["queued", "sent", "acknowledged", "failed", "withdrawn"];
}
