using Microsoft.AspNetCore.Mvc;
using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Issuance;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Pages;

/// <summary>The clerk's list: signed plans waiting for their number and release, the number the next one gets, and the released ones.</summary>
internal sealed class PhatHanhModel(WorkflowEngine engine, PlanStore store, IssuanceQueries issuance) : UiPage
{
    public IReadOnlyList<HumanTaskView> Waiting { get; private set; } = [];
    public IReadOnlyList<PlanRecord> Released { get; private set; } = [];
    public string? NextSymbol { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Actor.IsIn(Roles.Clerk)) return Forbid();
        Waiting = (await engine.OpenTasksAsync(Actor, ct)).Where(t => t.Role == Roles.Clerk).ToList();
        Released = (await store.ListAsync(Actor, 50, ct)).Where(p => p.Status is PlanStatus.Issued or PlanStatus.Released).ToList();
        NextSymbol = await issuance.NextSymbolAsync(Actor.BodyCode, "KH", ct);
        return Page();
    }
}
