using Workflows.Definitions;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Issuance;

/// <summary>
/// The clerk's desk (Văn thư): the signed plans waiting for their number and release, the number the next one gets, and
/// the plans released lately (Nghị định 30/2020, Điều 15–16). The rules of who releases live here: the page
/// <c>/phat-hanh</c>, the menu, the plan page and <c>GET /api/release-queue</c> ask them.
/// </summary>
internal sealed class ReleaseQueue(WorkflowEngine engine, PlanStore store, IssuanceQueries issuance)
{
    /// <summary>How many released plans the desk lists, newest first.</summary>
    public const int RecentLimit = 50;

    /// <summary>True when <paramref name="actor"/> numbers and releases signed plans (a Clerk): the desk, the next number, the Nơi nhận resolution and the duties check before release.</summary>
    public static bool MayRelease(Actor actor) => actor.IsIn(Roles.Clerk);

    /// <summary>True when <paramref name="task"/> is a release task: completing it with its first outcome numbers and releases the plan.</summary>
    public static bool IsReleaseTask(HumanTaskView task) => task.Role == Roles.Clerk;

    /// <summary>True when <paramref name="step"/> is a release step (see <see cref="IsReleaseTask"/>); false for null.</summary>
    public static bool IsReleaseStep(StepDefinition? step) => step?.Role == Roles.Clerk;

    /// <summary>
    /// The desk of <paramref name="actor"/>'s body: the open release tasks (oldest due first), the plans issued or released
    /// among the body's <see cref="RecentLimit"/> newest, and the symbol the next plan (type KH) would get today.
    /// </summary>
    /// <exception cref="WorkflowException">The actor does not release plans (403).</exception>
    public async Task<ReleaseDesk> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!MayRelease(actor)) throw WorkflowException.Forbidden("Chỉ văn thư mới cấp số và phát hành kế hoạch.");
        var waiting = (await engine.OpenTasksAsync(actor, ct)).Where(IsReleaseTask).ToList();
        var released = (await store.ListAsync(actor, RecentLimit, ct)).Where(p => p.Status is PlanStatus.Issued or PlanStatus.Released).ToList();
        return new ReleaseDesk(waiting, released, await issuance.NextSymbolAsync(actor.BodyCode, "KH", ct));
    }
}
