using Workflows.Kernel;
using Workflows.Reporting;

namespace Workflows.UnitTests.Reporting;

/// <summary>Who may create a report campaign: the one rule the API, the campaign page and the reporting list ask.</summary>
public sealed class CampaignRuleTests
{
    [Theory]
    [InlineData(Roles.Drafter, true)]
    [InlineData(Roles.Clerk, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Reviewer, false)]
    [InlineData(Roles.Signer, false)]
    public void Drafters_clerks_and_admins_may_create_a_campaign_leaders_may_not(string role, bool may) =>
        Assert.Equal(may, ReportCampaigns.MayCreate(new Actor("a", "A", null, "PGDĐT", new HashSet<string> { role })));
}
