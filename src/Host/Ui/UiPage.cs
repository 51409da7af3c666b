using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Host.Identity;
using Workflows.Kernel;

namespace Workflows.Host.Ui;

/// <summary>Base of the UI's page models: the signed-in actor and engine errors shown next to their field.</summary>
internal abstract class UiPage : PageModel
{
    /// <summary>The signed-in person as the engine sees them.</summary>
    protected Actor Actor => User.ToActor();

    /// <summary>
    /// Shows a refused input or a lost race next to its field (the engine names it) and returns true; lets a refused
    /// record or a missing one (403, 404) go to the error page by returning false.
    /// </summary>
    protected bool ShowError(WorkflowException e, string? prefix = null)
    {
        if (e.Kind is ErrorKind.Forbidden or ErrorKind.NotFound) return false;
        var key = e.Field is null ? "" : prefix is null ? Capitalise(e.Field) : $"{prefix}.{Capitalise(e.Field)}";
        ModelState.AddModelError(key, e.Message);
        return true;
    }

    private static string Capitalise(string field) => field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];
}
