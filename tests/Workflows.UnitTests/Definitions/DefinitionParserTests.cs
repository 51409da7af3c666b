using Workflows.Definitions;

namespace Workflows.UnitTests.Definitions;

/// <summary>The parser on its own: each mistake in a definition is named by its JSON path and a reason.</summary>
public sealed class DefinitionParserTests
{
    [Theory]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"end","status":"done"}],"layout":{"x":1}}""", "$.layout", "unknown property")]
    [InlineData("""{"id":"x","version":0,"name":"x","start":"a","steps":[{"id":"a","kind":"end","status":"done"}]}""", "$.version", "between 1")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"b","steps":[{"id":"a","kind":"end","status":"done"}]}""", "$.start", "no step")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Janitor","status":"s","dueInWorkingDays":1,"outcomes":{"ok":{"next":"e"}}},{"id":"e","kind":"end","status":"done"}]}""", "$.steps[0].role", "Janitor")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"action","action":"fly","next":"e"},{"id":"e","kind":"end","status":"done"}]}""", "$.steps[0].action", "fly")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","outcomes":{"ok":{"next":"e"}}},{"id":"e","kind":"end","status":"done"}]}""", "$.steps[0].dueInWorkingDays", "whole number")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"end","status":"done"},{"id":"b","kind":"end","status":"done"}]}""", "$.steps[1]", "cannot be reached")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"action","action":"release","next":"a"}]}""", "$.steps", "end step")]
    [InlineData("""{"id":"x", "version":1,""", "$", "not valid JSON")]
    public void The_parser_names_the_json_path_and_reason_of_each_mistake(string json, string path, string reason)
    {
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);
        var error = Assert.Throws<WorkflowDefinitionException>(() => parser.Parse(json, "x.json"));
        Assert.StartsWith(path, error.JsonPath);
        Assert.Contains(reason, error.Reason);
    }

    private const string End = """{"id":"e","kind":"end","status":"done"}""";

    [Theory]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":1,"outcomes":{"ok":{"next":"e","colour":"red"}}},""" + End + "]}",
        "$.steps[0].outcomes.ok.colour", "unknown property (allowed: next, label, requiresComment, status)")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"end","status":"done","next":"a"}]}""",
        "$.steps[0].next", "unknown property (allowed: id, kind, name, description, status)")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":"two","outcomes":{"ok":{"next":"e"}}},""" + End + "]}",
        "$.steps[0].dueInWorkingDays", "a whole number is required")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":400,"outcomes":{"ok":{"next":"e"}}},""" + End + "]}",
        "$.steps[0].dueInWorkingDays", "must be between 0 and 365")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":1,"outcomes":{"Ok":{"next":"e"}}},""" + End + "]}",
        "$.steps[0].outcomes.Ok", "'Ok': use lower-case letters, digits and dashes")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":1,"outcomes":{}},""" + End + "]}",
        "$.steps[0].outcomes", "at least one entry is required")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"humanTask","role":"Clerk","status":"s","dueInWorkingDays":1,"signing":"yes","outcomes":{"ok":{"next":"e"}}},""" + End + "]}",
        "$.steps[0].signing", "must be true or false")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"fly","status":"s"}]}""",
        "$.steps[0].kind", "'fly' is not one of humanTask, action, notify, parallel, decision, end")]
    [InlineData("""{"id":"x","version":1,"name":"   ","start":"a","steps":[""" + End + "]}", "$.name", "not only spaces")]
    [InlineData("""{"id":"x","version":1,"start":"a","steps":[""" + End + "]}", "$.name", "a non-empty string is required")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[]}""", "$.steps", "at least one entry is required")]
    [InlineData("""{"id":"x","version":1,"name":"x","start":"a","steps":[{"id":"a","kind":"action","next":"e"},""" + End + "]}",
        "$.steps[0].action", "is required: one of signDocument, issueNumber, sealDocument, release, activateReporting")]
    public void A_structural_mistake_is_caught_by_the_schema_file_and_named_by_json_path_and_reason(string json, string path, string reason)
    {
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);
        var error = Assert.Throws<WorkflowDefinitionException>(() => parser.Parse(json, "x.json"));
        Assert.Equal("x.json", error.File);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void The_first_mistake_in_reading_order_is_the_one_named()
    {
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);
        var json = """{"id":"x","version":0,"name":"x","start":"a","steps":[{"id":"a","kind":"end","status":"done","layout":1}]}""";
        var error = Assert.Throws<WorkflowDefinitionException>(() => parser.Parse(json, "x.json"));
        Assert.Equal("Invalid workflow definition x.json at $.version: must be between 1 and 2147483647", error.Message);
    }

    [Fact]
    public void The_shipped_definitions_pass_the_schema_and_the_checks_in_code()
    {
        // The roles the shipped Host configures (src/Host/appsettings.json, Workflows:Roles) besides the five defaults.
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Host", "appsettings.json")));
        var configured = settings.RootElement.GetProperty("Workflows").GetProperty("Roles").EnumerateArray().Select(r => r.GetProperty("Code").GetString()!);
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"], [.. Kernel.Roles.All, .. configured]);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Definitions, "*.json")
                     .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal) && Path.GetFileName(f) != DefinitionRule.FileName))
            Assert.NotNull(parser.Parse(File.ReadAllText(file), Path.GetFileName(file)));
    }
    /// <summary>A parallel step with the escalations written into it: <paramref name="stepEscalation"/> the step's, <paramref name="branchEscalation"/> its first branch's.</summary>
    private static string Consultation(string stepEscalation, string branchEscalation) =>
        """{"id":"x","version":1,"name":"x","start":"c","steps":[{"id":"c","kind":"parallel","status":"s","dueInWorkingDays":2""" + stepEscalation
        + ""","branches":[{"id":"a","role":"Reviewer" """ + branchEscalation + """},{"id":"b","role":"Clerk"}],"outcomes":{"agreed":{"next":"e"},"returned":{"next":"e"}}},"""
        + End + "]}";

    [Theory]
    [InlineData("", ""","escalation":{"afterWorkingDays":1,"outcome":"approve"}""", "$.steps[0].branches[0].escalation.outcome", "agree")]
    [InlineData("", ""","escalation":{"afterWorkingDays":0,"notify":"Signer"}""", "$.steps[0].branches[0].escalation.afterWorkingDays", "between 1")]
    [InlineData("", ""","escalation":{"afterWorkingDays":1,"notify":"Signer","outcome":"agree"}""", "$.steps[0].branches[0].escalation", "give exactly one of notify, reassignTo, outcome")]
    [InlineData("", ""","escalation":{"afterWorkingDays":1,"notify":"Janitor"}""", "$.steps[0].branches[0].escalation.notify", "'Janitor' is not a role of this installation")]
    [InlineData("", ""","escalation":{"afterWorkingDays":1,"reassignTo":"Reviewer"}""", "$.steps[0].branches[0].escalation.reassignTo", "already in the queue of")]
    [InlineData(""","escalation":{"afterWorkingDays":2,"reassignTo":"Clerk"}""", "", "$.steps[0].escalation.reassignTo", "branch 'b' is already in the queue of")]
    [InlineData(""","escalation":{"afterWorkingDays":2,"remind":"Signer"}""", "", "$.steps[0].escalation.remind", "unknown property")]
    public void A_consultation_branch_escalation_is_checked_by_the_schema_and_in_code_and_named_by_json_path(string step, string branch, string path, string reason)
    {
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);
        var error = Assert.Throws<WorkflowDefinitionException>(() => parser.Parse(Consultation(step, branch), "x.json"));
        Assert.Equal("x.json", error.File);
        Assert.StartsWith(path, error.JsonPath);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_branch_escalates_by_its_own_rule_else_by_the_step_s()
    {
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);
        var definition = parser.Parse(Consultation(""","escalation":{"afterWorkingDays":2,"notify":"Signer"}""", ""","escalation":{"afterWorkingDays":1,"outcome":"agree"}"""), "x.json");
        var step = definition.Step("c");
        Assert.Equal(new TaskEscalation(1, null, null, "agree"), step.EscalationOf("a"));
        Assert.Equal(new TaskEscalation(2, Kernel.Roles.Signer, null, null), step.EscalationOf("b"));
    }
}
