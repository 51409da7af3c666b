using Microsoft.AspNetCore.Mvc;
using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages;

/// <summary>The user's open tasks (their roles and body), with counts, due dates in Vietnam time and filters by step and by state.</summary>
internal sealed class HopThuModel(WorkflowEngine engine, Workflows.Plans.PlanStore store) : UiPage
{
    [BindProperty(SupportsGet = true)] public string? Buoc { get; set; }
    [BindProperty(SupportsGet = true)] public string? TrangThai { get; set; }

    public IReadOnlyList<HumanTaskView> All { get; private set; } = [];
    public IReadOnlyList<HumanTaskView> Tasks { get; private set; } = [];

    /// <summary>The drafter's own plans not yet submitted (they have no task until then).</summary>
    public IReadOnlyList<Workflows.Plans.PlanRecord> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        All = await engine.OpenTasksAsync(Actor, ct);
        Tasks = All
            .Where(t => string.IsNullOrEmpty(Buoc) || t.Step == Buoc)
            .Where(t => TrangThai switch { "qua-han" => t.Overdue, "trong-han" => !t.Overdue, _ => true })
            .ToList();
        if (Actor.IsIn(Roles.Drafter))
            Drafts = (await store.ListAsync(Actor, cancellationToken: ct))
                .Where(p => p.CreatedBy == Actor.UserName && p.Status == Workflows.Plans.PlanStatus.Draft).ToList();
    }

    /// <summary>The drafter revises on the form; the others act on the plan page.</summary>
    public string LinkOf(HumanTaskView task) => task.Role == Roles.Drafter ? $"/ke-hoach/{task.PlanId}/sua" : $"/ke-hoach/{task.PlanId}";
}
