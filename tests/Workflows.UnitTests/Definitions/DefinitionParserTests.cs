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
}
