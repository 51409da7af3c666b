using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Issuance;
using Workflows.Plans;

namespace Workflows.Host.Pages;

/// <summary>
/// The clerk's list: signed plans waiting for their number and release, the number the next one gets, and the released
/// ones (<see cref="ReleaseQueue.ListAsync"/>, as <c>GET /api/release-queue</c>); anyone who does not release plans gets 403.
/// </summary>
internal sealed class PhatHanhModel(ReleaseQueue queue) : UiPage
{
    public IReadOnlyList<HumanTaskView> Waiting { get; private set; } = [];
    public IReadOnlyList<PlanRecord> Released { get; private set; } = [];
    public string? NextSymbol { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var desk = await queue.ListAsync(Actor, ct);
        (Waiting, Released, NextSymbol) = (desk.Waiting, desk.Released, desk.NextSymbol);
    }
}
