namespace Workflows.Plans;

/// <summary>The statuses a plan goes through.</summary>
public static class PlanStatus
{
    /// <summary>Being drafted, never submitted.</summary>
    public const string Draft = "draft";

    /// <summary>Waiting for the reviewer.</summary>
    public const string InReview = "in-review";

    /// <summary>Waiting for the head's signature.</summary>
    public const string AwaitingSignature = "awaiting-signature";

    /// <summary>Signed, waiting for the clerk to number and release it.</summary>
    public const string Signed = "signed";

    /// <summary>Numbered and dated by the clerk.</summary>
    public const string Issued = "issued";

    /// <summary>Released to its recipients.</summary>
    public const string Released = "released";

    /// <summary>
    /// Released, then recalled (thu hồi) or replaced by another plan: its recipients were told, its reporting schedules
    /// stopped; the reason is in <c>plan_recalls</c>.
    /// </summary>
    public const string Recalled = "recalled";

    /// <summary>Returned to its drafter for revision.</summary>
    public const string Returned = "returned";

    /// <summary>Rejected by the signer.</summary>
    public const string Rejected = "rejected";
}
