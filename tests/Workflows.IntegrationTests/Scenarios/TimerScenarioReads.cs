using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Host.Identity;

namespace Workflows.IntegrationTests.Scenarios;

/// <summary>What the task-timer scenarios read and set around a plan: its history, a user's address, the messages sent.</summary>
internal static class TimerScenarioReads
{
    /// <summary>The plan's history rows as the API returns them.</summary>
    public static async Task<List<JsonElement>> HistoryAsync(PlanFlow flow, Guid planId) =>
        [.. (await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray()];

    /// <summary>Gives <paramref name="userName"/> the email address <paramref name="email"/>.</summary>
    public static async Task SetEmailAsync(WorkflowsApp app, string userName, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.Email = email;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    /// <summary>The addresses of the plan's outgoing messages of <paramref name="category"/>, sorted.</summary>
    public static async Task<List<string>> AddressesAsync(WorkflowsApp app, string category, Guid planId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT address FROM outgoing_messages WHERE category = @c AND plan_id = @p ORDER BY address", connection);
        command.Parameters.AddWithValue("c", category);
        command.Parameters.AddWithValue("p", planId);
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(reader.GetString(0));
        return result;
    }
}
