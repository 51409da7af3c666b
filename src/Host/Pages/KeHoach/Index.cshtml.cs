using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>The plans of the user's body, newest first, with their status in words (the drafter follows theirs here).</summary>
internal sealed class IndexModel(PlanStore store, Workflows.Host.Identity.PeopleNames people) : UiPage
{
    public IReadOnlyList<PlanRecord> Plans { get; private set; } = [];

    /// <summary>The drafters of the listed plans in words, by login name.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public new Actor Actor => base.Actor;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plans = await store.ListAsync(Actor, cancellationToken: ct);
        People = await people.NamesAsync(Plans.Select(p => p.CreatedBy), ct);
    }
}
