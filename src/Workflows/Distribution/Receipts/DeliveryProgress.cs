namespace Workflows.Distribution.Receipts;

/// <summary>
/// The delivery of a released plan at one instant: each recipient counted once, in its furthest state (an acknowledged
/// recipient is not also counted as sent).
/// </summary>
/// <param name="Queued">Waiting, being sent or retrying.</param>
/// <param name="Sent">Accepted by the mail server, not yet acknowledged.</param>
/// <param name="Acknowledged">Acknowledged by the recipient.</param>
/// <param name="Failed">Refused or given up.</param>
/// <param name="Withdrawn">Never sent: the plan was recalled first.</param>
/// <param name="Recipients">The recipients listed: every one by name, or one page of those a <see cref="DeliveryQuery"/> asked for.</param>
public sealed record DeliveryProgress(int Queued, int Sent, int Acknowledged, int Failed, int Withdrawn, IReadOnlyList<RecipientDelivery> Recipients)
{
    /// <summary>All recipients.</summary>
    public int Total => Queued + Sent + Acknowledged + Failed + Withdrawn;

    /// <summary>How many recipients match the query's words and state (all pages); every recipient without a query.</summary>
    public int Matching { get; init; }

    /// <summary>The page listed, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Recipients per page.</summary>
    public int PageSize { get; init; } = 1;

    /// <summary>Number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (Matching + PageSize - 1) / Math.Max(1, PageSize));

    /// <summary>True while some message is still on its way (the page keeps refreshing).</summary>
    public bool InProgress => Queued > 0;

    /// <summary>The share of <paramref name="count"/> in <see cref="Total"/>, in percent (0 when there is no recipient).</summary>
    public double Percent(int count) => Total == 0 ? 0 : Math.Round(100.0 * count / Total, 1);
}
