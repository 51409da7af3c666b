using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Host.Pages;

/// <summary>Where the cookie sends a signed-in user a page's role refuses; answers 403.</summary>
internal sealed class KhongCoQuyenModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
