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
/// <param name="Recipients">Every recipient, by name.</param>
public sealed record DeliveryProgress(int Queued, int Sent, int Acknowledged, int Failed, int Withdrawn, IReadOnlyList<RecipientDelivery> Recipients)
{
    /// <summary>All recipients.</summary>
    public int Total => Recipients.Count;

    /// <summary>True while some message is still on its way (the page keeps refreshing).</summary>
    public bool InProgress => Queued > 0;

    /// <summary>The share of <paramref name="count"/> in <see cref="Total"/>, in percent (0 when there is no recipient).</summary>
    public double Percent(int count) => Total == 0 ? 0 : Math.Round(100.0 * count / Total, 1);
}
