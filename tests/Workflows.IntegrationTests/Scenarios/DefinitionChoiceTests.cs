using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// Where <c>definition-rules.json</c> allows several definitions for a plan, the drafter's form (<c>/ke-hoach/{id}/sua</c>)
/// offers them by name and submits with the one picked, through the same submission as <c>POST /api/plans/{id}/submit</c>
/// with <c>definitionId</c>; the API without a choice is refused, naming the field.
/// </summary>
public sealed partial class DefinitionChoiceTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>The repository's definitions, <c>consultation-one-returns.json</c>, and a rule giving the Uông Bí office both.</summary>
    private static WorkflowsApp App()
    {
        var folder = Directory.CreateTempSubdirectory("choice-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Definitions, "*.json").Where(f => !f.EndsWith("definition-rules.json", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Workflows.IntegrationTests", "Scenarios", "Definitions", "consultation-one-returns.json"),
            Path.Combine(folder, "consultation-one-returns.json"));
        File.WriteAllText(Path.Combine(folder, "definition-rules.json"),
            """{ "rules": [ { "bodies": ["PGDĐT"], "definitions": ["plan-approval", "consultation-one-returns"] }, { "definitions": ["plan-approval"] } ] }""");
        return new WorkflowsApp(definitionsDirectory: folder);
    }

    [Fact]
    public async Task The_drafter_picks_the_consultation_flow_on_the_form_where_the_rule_allows_two()
    {
        await using var app = App();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch tổ chức hội thi giáo viên dạy giỏi");

        var refused = await flow.Drafter.PostAsync($"/api/plans/{planId}/submit", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("definitionId", await refused.Content.ReadAsStringAsync());

        var form = await flow.Drafter.GetStringAsync($"/ke-hoach/{planId}/sua");
        Assert.Contains("Quy trình trình ký", form);
        Assert.Contains("<option value=\"plan-approval\">Trình ký và ban hành kế hoạch</option>", form);
        Assert.Contains("<option value=\"consultation-one-returns\">Lấy ý kiến song song, một nhánh trả lại</option>", form);

        var submitted = await flow.Drafter.PostAsync($"/ke-hoach/{planId}/sua?handler=Trinh", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Form.Subject"] = "Kế hoạch tổ chức hội thi giáo viên dạy giỏi", ["Form.DocumentType"] = "KH",
            ["DefinitionId"] = "consultation-one-returns",
        }));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.EndsWith($"/ke-hoach/{planId}?trinh=1", submitted.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal("in-consultation", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        var clerkTasks = await flow.Clerk.GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.Contains(clerkTasks.EnumerateArray(), t => t.GetProperty("planId").GetGuid() == planId && t.GetProperty("stepName").GetString() == "Ý kiến văn thư");
        // Once submitted, the form offers no choice any more.
        Assert.DoesNotContain("Quy trình trình ký", await flow.Drafter.GetStringAsync($"/ke-hoach/{planId}/sua"));
    }
}
