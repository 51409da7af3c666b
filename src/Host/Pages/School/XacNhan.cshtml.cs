using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Distribution.Receipts;

namespace Workflows.Host.Pages.School;

/// <summary>
/// A recipient's receipt page <c>/xac-nhan/{token}</c>, without an account: GET shows the plan the link is for and a
/// "Xác nhận đã nhận" button (a GET records nothing, so a mail scanner that opens links acknowledges nothing); POST
/// records the acknowledgement once (<see cref="ReleaseReceipts.AcknowledgeAsync"/>, idempotent, audited). A recalled
/// plan's link answers "đã thu hồi".
/// </summary>
internal sealed class XacNhanModel(ReleaseReceipts receipts, TimeProvider clock) : PageModel
{
    /// <summary>What the link opens.</summary>
    public ReceiptLookup Receipt { get; private set; } = new(ReceiptLinkState.Unknown, null, null, null, null, null);

    /// <summary>True right after this request recorded the acknowledgement.</summary>
    public bool JustAcknowledged { get; private set; }

    /// <summary>Shows the plan and the button (or why the link opens nothing).</summary>
    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Receipt = await receipts.LookUpAsync(token, clock.GetUtcNow(), cancellationToken);
        return Answer();
    }

    /// <summary>Records the acknowledgement (a second one changes nothing).</summary>
    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        var before = await receipts.LookUpAsync(token, clock.GetUtcNow(), cancellationToken);
        Receipt = await receipts.AcknowledgeAsync(token, HttpContext.Connection.RemoteIpAddress?.ToString(), clock.GetUtcNow(), cancellationToken);
        JustAcknowledged = before.State == ReceiptLinkState.Open && Receipt.State == ReceiptLinkState.Acknowledged;
        return Answer();
    }

    private PageResult Answer()
    {
        Response.Headers.CacheControl = "no-store";
        Response.StatusCode = Receipt.State switch
        {
            ReceiptLinkState.Malformed or ReceiptLinkState.Unknown => StatusCodes.Status404NotFound,
            ReceiptLinkState.Expired or ReceiptLinkState.Recalled => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
