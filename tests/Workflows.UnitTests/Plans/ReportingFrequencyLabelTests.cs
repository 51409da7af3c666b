using Workflows.Kernel.Plans;

namespace Workflows.UnitTests.Plans;

/// <summary>The Vietnamese names of the reporting frequencies: one home, <see cref="ReportingFrequencies.Label"/>.</summary>
public sealed class ReportingFrequencyLabelTests
{
    [Fact]
    public void Every_frequency_has_its_own_Vietnamese_name_and_the_forms_offer_the_five_that_can_be_scheduled_in_order()
    {
        var names = Enum.GetValues<ReportingFrequency>().Select(ReportingFrequencies.Label).ToList();
        Assert.Equal(["Hằng tháng", "Hằng quý", "6 tháng", "Hằng năm", "Một lần", "Định kỳ, chưa rõ kỳ"], names);
        Assert.Equal("Hằng tháng, Hằng quý, 6 tháng, Hằng năm hoặc Một lần", ReportingFrequencies.ScheduledLabels());
        Assert.DoesNotContain(ReportingFrequency.Unspecified, ReportingFrequencies.Scheduled);
    }
}
