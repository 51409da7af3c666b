using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Host.Pages;

/// <summary>The home page is the inbox.</summary>
internal sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/hop-thu");
}
