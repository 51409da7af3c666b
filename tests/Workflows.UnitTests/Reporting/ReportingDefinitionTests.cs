using Workflows.Definitions;

namespace Workflows.UnitTests.Reporting;

public sealed class ReportingDefinitionTests
{
    private static readonly WorkflowDefinitionParser Parser = new(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);

    [Fact]
    public void The_shipped_report_submission_definition_reminds_3_and_1_working_days_before_and_escalates_after_1_and_4()
    {
        var definition = Parser.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Definitions, "report-submission.json")), "report-submission.json");

        Assert.Equal(WorkflowDefinition.ReportSubmissionKind, definition.Kind);
        Assert.Equal(
            [("request", "opening", 0), ("reminder", "deadline", -3), ("reminder", "deadline", -1), ("overdueNotice", "deadline", 1), ("leadersSummary", "deadline", 4)],
            definition.NotifySteps.Select(s => (s.Notify!.Send, s.Notify.At, s.Notify.WorkingDays)).ToList());
    }

    [Fact]
    public void The_plan_approval_definition_activates_reporting_right_after_release()
    {
        var definition = Parser.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Definitions, "plan-approval.json")), "plan-approval.json");

        Assert.Equal("activateReporting", definition.Step(definition.Step("release").Next!).Action);
    }

    private const string Head = """{"id":"r","version":1,"kind":"reportSubmission","name":"r","start":"request","steps":[""";
    private const string Request = """{"id":"request","kind":"notify","send":"request","at":"opening","next":"remind"},""";
    private const string End = """{"id":"done","kind":"end","status":"closed"}]}""";

    [Theory]
    [InlineData(Head + Request + """{"id":"remind","kind":"notify","send":"reminder","at":"deadline","workingDays":2,"next":"done"},""" + End,
        "$.steps[1].workingDays", "between -30 and 0")]
    [InlineData(Head + Request + """{"id":"remind","kind":"notify","send":"nag","at":"deadline","workingDays":-2,"next":"done"},""" + End,
        "$.steps[1].send", "'nag' is not one of")]
    [InlineData(Head + Request + """{"id":"remind","kind":"notify","send":"reminder","at":"opening","next":"done"},""" + End,
        "$.steps[1].at", "timed from the deadline")]
    [InlineData(Head + Request + """{"id":"remind","kind":"notify","send":"reminder","at":"deadline","workingDays":-1,"time":"7h","next":"done"},""" + End,
        "$.steps[1].time", "HH:mm")]
    [InlineData(Head + Request + """{"id":"remind","kind":"notify","send":"overdueNotice","at":"deadline","workingDays":3,"next":"late"},{"id":"late","kind":"notify","send":"reminder","at":"deadline","workingDays":-1,"next":"done"},""" + End,
        "$.steps[2].workingDays", "must come later")]
    [InlineData(Head + Request + """{"id":"remind","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":1,"outcomes":{"ok":{"next":"done"}}},""" + End,
        "$.steps[1].kind", "only notify and end steps")]
    [InlineData("""{"id":"p","version":1,"name":"p","start":"request","steps":[""" + Request + """{"id":"remind","kind":"end","status":"x"}]}""",
        "$.steps[0].kind", "kind\": \"reportSubmission")]
    [InlineData("""{"id":"p","version":1,"kind":"weekly","name":"p","start":"a","steps":[{"id":"a","kind":"end","status":"x"}]}""",
        "$.kind", "'weekly' is not one of")]
    public void A_bad_report_submission_definition_is_refused_naming_the_json_path_and_reason(string json, string path, string reason)
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => Parser.Parse(json, "r.json"));

        Assert.Equal(path, error.JsonPath);
        Assert.Contains(reason, error.Reason);
    }
}
