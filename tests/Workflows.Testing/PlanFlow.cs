using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Testing;

/// <summary>Drives plans through the HTTP API as the demo users would.</summary>
internal sealed class PlanFlow
{
    private PlanFlow(WorkflowsApp app, HttpClient drafter, HttpClient reviewer, HttpClient signer, HttpClient clerk)
    {
        App = app;
        Drafter = drafter;
        Reviewer = reviewer;
        Signer = signer;
        Clerk = clerk;
    }

    /// <summary>The in-memory Host; null when the flow drives a <see cref="HostProcess"/>.</summary>
    public WorkflowsApp App { get; }
    public HttpClient Drafter { get; }
    public HttpClient Reviewer { get; }
    public HttpClient Signer { get; }
    public HttpClient Clerk { get; }

    public static async Task<PlanFlow> StartAsync(WorkflowsApp app) => new(app,
        await app.SignInAsync("chuyenvien"), await app.SignInAsync("photruongphong"),
        await app.SignInAsync("truongphong"), await app.SignInAsync("vanthu"));

    /// <summary>The four demo users signed in on a Host process (<paramref name="signIn"/> picks the node per user).</summary>
    public static async Task<PlanFlow> StartAsync(Func<string, Task<HttpClient>> signIn) => new(null!,
        await signIn("chuyenvien"), await signIn("photruongphong"), await signIn("truongphong"), await signIn("vanthu"));

    /// <summary>Uploads a plan file as the drafter and returns its id.</summary>
    public async Task<Guid> UploadAsync(string path)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new("text/plain") { CharSet = "utf-8" };
        form.Add(file, "file", Path.GetFileName(path));
        var response = await Drafter.PostAsync("/api/plans", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Creates a plan from JSON as the drafter and returns its id.</summary>
    public async Task<Guid> CreateAsync(string subject)
    {
        var response = await Drafter.PostAsJsonAsync("/api/plans", new { subject });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task SubmitAsync(Guid planId) =>
        Assert.Equal(HttpStatusCode.OK, (await Drafter.PostAsync($"/api/plans/{planId}/submit", null)).StatusCode);

    /// <summary>The id of the open task of <paramref name="planId"/> in <paramref name="client"/>'s inbox.</summary>
    public static async Task<Guid> TaskOfAsync(HttpClient client, Guid planId)
    {
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/tasks");
        return tasks.EnumerateArray().Single(t => t.GetProperty("planId").GetGuid() == planId).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid taskId, string outcome, string? comment = null, string? signingForm = null) =>
        await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, comment, signingForm });

    /// <summary>Completes the plan's open task in <paramref name="client"/>'s inbox and expects success.</summary>
    public static async Task ActAsync(HttpClient client, Guid planId, string outcome, string? comment = null, string? signingForm = null)
    {
        var response = await CompleteAsync(client, await TaskOfAsync(client, planId), outcome, comment, signingForm);
        Assert.True(response.IsSuccessStatusCode, $"{outcome}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonElement> PlanAsync(Guid planId) => await Drafter.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}");

    /// <summary>submit → review approve → sign → clerk issue and release.</summary>
    public async Task ReleaseAsync(Guid planId)
    {
        await SubmitAsync(planId);
        await ActAsync(Reviewer, planId, "approve");
        await ActAsync(Signer, planId, "approve", signingForm: "direct");
        await ActAsync(Clerk, planId, "approve");
    }
}
