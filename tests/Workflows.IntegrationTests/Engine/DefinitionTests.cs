using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Workflows.Storage;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Definitions;

namespace Workflows.IntegrationTests.Engine;

public sealed class DefinitionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("definitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonObject ShippedPlanApproval() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Definitions, "plan-approval.json")))!.AsObject();

    private static JsonObject WithoutReview(JsonObject definition, int version)
    {
        var steps = definition["steps"]!.AsArray();
        steps.Remove(steps.Single(s => s!["id"]!.GetValue<string>() == "review"));
        steps.Single(s => s!["id"]!.GetValue<string>() == "draft")!["outcomes"]!["submit"]!["next"] = "sign";
        definition["version"] = version;
        return definition;
    }

    [Fact]
    public async Task Removing_the_review_step_from_the_json_sends_a_submitted_plan_straight_to_the_signer()
    {
        File.WriteAllText(Path.Combine(_folder, "plan-approval.json"), WithoutReview(ShippedPlanApproval(), 1).ToJsonString());
        await using var app = new WorkflowsApp(definitionsDirectory: _folder);
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch không qua kiểm tra");

        await flow.SubmitAsync(planId);

        Assert.Equal("awaiting-signature", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        Assert.DoesNotContain((await flow.Reviewer.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray(),
            t => t.GetProperty("step").GetString() == "review");
        await PlanFlow.ActAsync(flow.Signer, planId, "approve");
        await PlanFlow.ActAsync(flow.Clerk, planId, "approve");
        Assert.Equal("released", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_running_instance_keeps_the_version_it_started_with_after_the_file_changes()
    {
        File.WriteAllText(Path.Combine(_folder, "plan-approval.json"), ShippedPlanApproval().ToJsonString());
        var connectionString = TestPostgres.CreateDatabase();
        Guid started, later;
        await using (var before = new WorkflowsApp(connectionString, _folder))
        {
            var flow = await PlanFlow.StartAsync(before);
            started = await flow.CreateAsync("Bắt đầu với phiên bản 1");
            await flow.SubmitAsync(started);
        }
        var nextVersion = ShippedPlanApproval()["version"]!.GetValue<int>() + 1;
        File.WriteAllText(Path.Combine(_folder, "plan-approval.json"), WithoutReview(ShippedPlanApproval(), nextVersion).ToJsonString());
        await using var after = new WorkflowsApp(connectionString, _folder);
        var flowAfter = await PlanFlow.StartAsync(after);
        later = await flowAfter.CreateAsync("Bắt đầu với phiên bản 2");
        await flowAfter.SubmitAsync(later);

        Assert.Equal("in-review", (await flowAfter.PlanAsync(started)).GetProperty("status").GetString());
        Assert.Equal("awaiting-signature", (await flowAfter.PlanAsync(later)).GetProperty("status").GetString());
        await PlanFlow.ActAsync(flowAfter.Reviewer, started, "approve");
        Assert.Equal("awaiting-signature", (await flowAfter.PlanAsync(started)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_malformed_definition_stops_the_Host_with_the_file_the_json_path_and_the_reason()
    {
        var broken = ShippedPlanApproval();
        broken["steps"]![2]!["outcomes"]!["approve"]!["next"] = "nowhere";
        File.WriteAllText(Path.Combine(_folder, "plan-approval.json"), broken.ToJsonString());

        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Host.dll"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment =
            {
                ["ConnectionStrings__Workflows"] = TestPostgres.CreateDatabase(),
                ["Workflows__DefinitionsDirectory"] = _folder,
                ["Urls"] = "http://127.0.0.1:0",
            },
        };
        using var host = Process.Start(start)!;
        var stdout = host.StandardOutput.ReadToEndAsync();
        var stderr = await host.StandardError.ReadToEndAsync();
        await host.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await stdout;

        Assert.Equal(1, host.ExitCode);
        Assert.Equal(
            "Invalid workflow definition plan-approval.json at $.steps[2].outcomes.approve.next: no step has the id 'nowhere'",
            stderr.Trim());
    }

    [Fact]
    public async Task A_changed_file_that_keeps_its_version_is_refused_at_start()
    {
        var dataSource = NpgsqlDataSource.Create(TestPostgres.CreateDatabase());
        await MigrationRunner.ApplyAsync(dataSource, NullLogger.Instance);
        var parser = new WorkflowDefinitionParser(["signDocument", "issueNumber", "sealDocument", "release", "activateReporting"]);
        File.WriteAllText(Path.Combine(_folder, "plan-approval.json"), ShippedPlanApproval().ToJsonString());
        await new WorkflowDefinitionCatalog(dataSource, parser).LoadAsync(_folder);
        File.WriteAllText(Path.Combine(_folder, "plan-approval.json"), WithoutReview(ShippedPlanApproval(), ShippedPlanApproval()["version"]!.GetValue<int>()).ToJsonString());

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => new WorkflowDefinitionCatalog(dataSource, parser).LoadAsync(_folder));

        Assert.Equal("$.version", error.JsonPath);
        Assert.Contains("raise the version", error.Reason);
    }
}
