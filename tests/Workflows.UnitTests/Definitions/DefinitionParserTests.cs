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
        var parser = new WorkflowDefinitionParser(["issueNumber", "release", "activateReporting"]);
        var error = Assert.Throws<WorkflowDefinitionException>(() => parser.Parse(json, "x.json"));
        Assert.StartsWith(path, error.JsonPath);
        Assert.Contains(reason, error.Reason);
    }
}
