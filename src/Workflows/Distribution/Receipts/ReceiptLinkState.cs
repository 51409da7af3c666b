namespace Workflows.Distribution.Receipts;

/// <summary>What a "Xác nhận đã nhận" link opens.</summary>
public enum ReceiptLinkState
{
    /// <summary>Valid and not yet used: the recipient may acknowledge.</summary>
    Open,

    /// <summary>Already acknowledged (by this link or the other one of the same recipient): shown with its time.</summary>
    Acknowledged,

    /// <summary>Not the shape of a token: shown as not found (404).</summary>
    Malformed,

    /// <summary>Well formed but no receipt has it: not found (404).</summary>
    Unknown,

    /// <summary>Past its validity (<see cref="ReceiptOptions.LinkValidDays"/>) and never acknowledged (410).</summary>
    Expired,

    /// <summary>The plan was recalled or replaced (thu hồi): nothing to acknowledge (410).</summary>
    Recalled,
}
