using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>The plans of the user's body, newest first, with their status in words (the drafter follows theirs here).</summary>
internal sealed class IndexModel(PlanStore store) : UiPage
{
    public IReadOnlyList<PlanRecord> Plans { get; private set; } = [];

    public new Actor Actor => base.Actor;

    public async Task OnGetAsync(CancellationToken ct) => Plans = await store.ListAsync(Actor, cancellationToken: ct);
}
