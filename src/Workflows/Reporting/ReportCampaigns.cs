using Microsoft.Extensions.Options;
using Workflows.Definitions;
using Workflows.Kernel;

namespace Workflows.Reporting;

/// <summary>
/// Creating a standalone report campaign (a reporting schedule without a plan): the use case behind
/// <c>POST /api/reporting/schedules</c> and the page <c>/bao-cao/tao-dot</c>, and the one home of the rule saying who
/// may create one (<see cref="MayCreate"/>), which the reporting pages also use to offer the action.
/// </summary>
internal sealed class ReportCampaigns(ReportingScheduleStore store, WorkflowDefinitionCatalog catalog, IOptions<ReportingOptions> options,
    TimeProvider clock)
{
    /// <summary>True for the roles that may create a campaign of their body: Drafter, Clerk and Admin.</summary>
    public static bool MayCreate(Actor actor) => actor.IsIn(Roles.Drafter) || actor.IsIn(Roles.Clerk) || actor.IsIn(Roles.Admin);

    /// <summary>
    /// Creates the campaign of the actor's body with its periods (the configured report-submission definition, latest
    /// version; the year of today in Vietnam for rules without dates) and returns it as stored.
    /// </summary>
    /// <exception cref="WorkflowException">Not a Drafter, Clerk or Admin (403); input the planner refuses (422 naming the field).</exception>
    public async Task<ScheduleView> CreateAsync(ScheduleInput input, Actor actor, CancellationToken cancellationToken)
    {
        if (!MayCreate(actor)) throw WorkflowException.Forbidden("Chỉ chuyên viên, văn thư hoặc quản trị mới lập được lịch báo cáo.");
        var definition = catalog.LatestOfKind(options.Value.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
        var id = await store.CreateStandaloneAsync(input, definition, actor, clock.GetUtcNow(), cancellationToken);
        return await store.GetAsync(id, actor, cancellationToken);
    }
}
