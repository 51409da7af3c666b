using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>
/// What the scenarios of a signing task in the queue of the role <c>Lead</c> share (<see cref="QueueDelegationScenarioTests"/>,
/// <see cref="DelegateMailScenarioTests"/>): the role's configuration, accounts created by the admin, a plan brought to its
/// signing step, a person's view of a plan's task.
/// </summary>
internal static class QueueSigning
{
    private const string Password = "ủy quyền hàng chờ ký 2026";

    /// <summary>The role <c>Lead</c> ("Lãnh đạo phòng (ký ban hành)") of the body PGDĐT, signing directly, "KT." or "TUQ.".</summary>
    public static Dictionary<string, string?> LeadRole() => new()
    {
        ["Workflows:Roles:3:Code"] = "Lead",
        ["Workflows:Roles:3:Name"] = "Lãnh đạo phòng (ký ban hành)",
        ["Workflows:Roles:3:Bodies:0"] = "PGDĐT",
        ["Workflows:Roles:3:SigningForms:0"] = "direct",
        ["Workflows:Roles:3:SigningForms:1"] = "KT.",
        ["Workflows:Roles:3:SigningForms:2"] = "TUQ.",
    };

    /// <summary>An account of PGDĐT created by <paramref name="admin"/> with one role, signed in.</summary>
    public static async Task<HttpClient> CreateUserAsync(WorkflowsApp app, HttpClient admin, string userName, string fullName, string title, string role)
    {
        (await admin.PostAsJsonAsync("/api/admin/users", new { userName, fullName, title, roles = new[] { role }, password = Password })).EnsureSuccessStatusCode();
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A plan drafted, submitted on <paramref name="definition"/> and approved by the reviewer: its signing task waits in the Lead queue.</summary>
    public static async Task<Guid> ToSigningAsync(PlanFlow flow, string definition, string subject)
    {
        var planId = await flow.CreateAsync(subject);
        (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = definition })).EnsureSuccessStatusCode();
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        return planId;
    }

    /// <summary>The plan's task in <paramref name="client"/>'s inbox (<c>GET /api/tasks</c>); null when they do not see it.</summary>
    public static async Task<JsonElement?> TaskOfAsync(HttpClient client, Guid planId) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Where(t => t.GetProperty("planId").GetGuid() == planId)
        .Select(t => (JsonElement?)t).SingleOrDefault();
}
