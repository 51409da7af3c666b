using System.Net;
using System.Net.Http.Json;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>Drives <c>Definitions/decision-by-kind.json</c>: a decision routes a Quyết định to review, a plain Kế hoạch straight to signing.</summary>
public sealed class DecisionTests
{
    [Fact]
    public async Task A_decision_sends_a_decree_to_review_and_a_plain_plan_straight_to_the_signer()
    {
        await using var app = ScenarioApp.With("decision-by-kind.json");
        var flow = await PlanFlow.StartAsync(app);
        var plain = await flow.CreateAsync("Kế hoạch tổ chức ngày hội thể thao");
        var decree = await CreateAsync(flow, "Quyết định thành lập ban tổ chức", "QĐ");

        foreach (var planId in new[] { plain, decree })
            Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "decision-by-kind" })).StatusCode);

        Assert.Equal("awaiting-signature", (await flow.PlanAsync(plain)).GetProperty("status").GetString());
        Assert.Equal("in-review", (await flow.PlanAsync(decree)).GetProperty("status").GetString());
        Assert.Contains((await flow.PlanAsync(decree)).GetProperty("history").EnumerateArray(), h => h.GetProperty("what").GetString() == "decision.taken");
    }

    [Fact]
    public async Task A_decision_naming_an_unknown_field_stops_the_start_naming_file_path_and_field()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "tests", "Workflows.IntegrationTests", "Scenarios", "Definitions", "decision-by-kind.json"));
        var folder = Directory.CreateTempSubdirectory("decision-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "decision-by-kind.json"), json.Replace("hasReportingDuties", "priority", StringComparison.Ordinal));
        var catalog = new global::Workflows.Definitions.WorkflowDefinitionCatalog(Npgsql.NpgsqlDataSource.Create("Host=unused.invalid"),
            new global::Workflows.Definitions.WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]));

        var error = await Assert.ThrowsAsync<global::Workflows.Definitions.WorkflowDefinitionException>(() => catalog.LoadAsync(folder));

        var message = error.Message;
        Assert.Contains("decision-by-kind.json", message);
        Assert.Contains("$.steps[1].cases[0].when", message);
        Assert.Contains("priority", message);
    }

    private static async Task<Guid> CreateAsync(PlanFlow flow, string subject, string documentType)
    {
        var response = await flow.Drafter.PostAsJsonAsync("/api/plans", new { subject, documentType });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }
}
