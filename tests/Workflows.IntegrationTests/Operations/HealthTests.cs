using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Workflows.Storage;

namespace Workflows.IntegrationTests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_answer_without_signing_in_and_ready_names_each_check_to_an_admin()
    {
        await using var app = new WorkflowsApp();
        var anonymous = app.CreateClient();

        var live = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        var ready = await (await app.SignInAsync("quantri")).GetAsync("/health/ready");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        var schema = body.GetProperty("checks").GetProperty("schema");
        Assert.Equal("Healthy", schema.GetProperty("status").GetString());
        Assert.Equal(MigrationRunner.LatestVersion, schema.GetProperty("data").GetProperty("current").GetInt32());
    }

    [Fact]
    public async Task A_database_behind_this_build_is_not_ready_and_the_answer_says_which_version_is_missing()
    {
        await using var app = new WorkflowsApp();
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DELETE FROM schema_migrations WHERE version = @v", connection);
            command.Parameters.AddWithValue("v", MigrationRunner.LatestVersion);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var ready = await (await app.SignInAsync("quantri")).GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var schema = body.GetProperty("checks").GetProperty("schema");
        Assert.Equal("Unhealthy", schema.GetProperty("status").GetString());
        Assert.Contains($"needs {MigrationRunner.LatestVersion}", schema.GetProperty("description").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
