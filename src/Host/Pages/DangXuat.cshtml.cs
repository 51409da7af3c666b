using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Host.Identity;

namespace Workflows.Host.Pages;

/// <summary>Sign-out (POST with its antiforgery token), then back to the sign-in page.</summary>
internal sealed class DangXuatModel(SignInManager<WorkflowUser> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/dang-nhap");
    }
}
