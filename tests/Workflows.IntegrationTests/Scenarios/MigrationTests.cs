using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>
/// Drives <c>Definitions/migration-v1.json</c> then <c>migration-v2.json</c> (review removed, a clerk's step added): an instance
/// waiting at signing moves to version 2 and follows it; one waiting at review is refused, with the reason, and keeps version 1.
/// </summary>
public sealed class MigrationTests
{
    private static readonly string Scenarios = Path.Combine(RepositoryPaths.Root, "tests", "Workflows.IntegrationTests", "Scenarios", "Definitions");

    [Fact]
    public async Task An_instance_at_a_step_the_new_version_keeps_moves_and_one_at_a_removed_step_is_refused_with_the_reason()
    {
        var folder = Directory.CreateTempSubdirectory("migration-").FullName;
        File.Copy(Path.Combine(Scenarios, "migration-v1.json"), Path.Combine(folder, "migration.json"));
        var connectionString = TestPostgres.CreateDatabase();
        Guid atSign, atReview;
        await using (var before = new WorkflowsApp(connectionString, folder))
        {
            var flow = await PlanFlow.StartAsync(before);
            atSign = await StartAsync(flow, "Kế hoạch đã qua kiểm tra");
            await PlanFlow.ActAsync(flow.Reviewer, atSign, "approve");
            atReview = await StartAsync(flow, "Kế hoạch đang chờ kiểm tra");
        }
        File.Copy(Path.Combine(Scenarios, "migration-v2.json"), Path.Combine(folder, "migration.json"), overwrite: true);
        await using var app = new WorkflowsApp(connectionString, folder);
        var after = await PlanFlow.StartAsync(app);
        var admin = await app.SignInAsync("quantri");
        Assert.Equal(HttpStatusCode.Forbidden, (await after.Signer.PostAsJsonAsync("/api/definitions/migration/migrate", new { fromVersion = 1, toVersion = 2 })).StatusCode);

        var response = await admin.PostAsJsonAsync("/api/definitions/migration/migrate", new { fromVersion = 1, toVersion = 2 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.True(results.Single(r => r.GetProperty("planId").GetGuid() == atSign).GetProperty("migrated").GetBoolean());
        var refused = results.Single(r => r.GetProperty("planId").GetGuid() == atReview);
        Assert.False(refused.GetProperty("migrated").GetBoolean());
        Assert.Contains("review", refused.GetProperty("reason").GetString());
        Assert.Contains((await after.PlanAsync(atReview)).GetProperty("history").EnumerateArray(), h => h.GetProperty("what").GetString() == "instance.migration-refused");

        await PlanFlow.ActAsync(after.Signer, atSign, "approve");
        Assert.Equal("signed", (await after.PlanAsync(atSign)).GetProperty("status").GetString());
        await PlanFlow.ActAsync(after.Clerk, atSign, "approve");
        Assert.Equal("filed", (await after.PlanAsync(atSign)).GetProperty("status").GetString());
        await PlanFlow.ActAsync(after.Reviewer, atReview, "approve");
        await PlanFlow.ActAsync(after.Signer, atReview, "approve");
        Assert.Equal("approved", (await after.PlanAsync(atReview)).GetProperty("status").GetString());
    }

    private static async Task<Guid> StartAsync(PlanFlow flow, string subject)
    {
        var planId = await flow.CreateAsync(subject);
        Assert.Equal(HttpStatusCode.OK, (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "migration" })).StatusCode);
        return planId;
    }
}
