using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Distribution;

namespace Workflows.Testing;

/// <summary>Helpers for the distribution tests: SMTP settings, plans with Nơi nhận, waiting for the outbox.</summary>
internal static class DistributionFlow
{
    public static Dictionary<string, string?> Settings(int smtpPort, string? batch = null) => new()
    {
        ["Workflows:Distribution:Transport"] = "Smtp",
        ["Workflows:Distribution:Smtp:Host"] = "127.0.0.1",
        ["Workflows:Distribution:Smtp:Port"] = smtpPort.ToString(),
        ["Workflows:Distribution:Smtp:From"] = "vanthu@pgddt.uongbi.example.org",
        ["Workflows:Distribution:Smtp:TimeoutSeconds"] = "5",
        ["Workflows:Distribution:PollMilliseconds"] = "100",
        ["Workflows:Distribution:RetryBaseSeconds"] = "0.3",
        ["Workflows:Distribution:RetryMaxSeconds"] = "1",
        ["Workflows:Distribution:LeaseSeconds"] = "30",
        // 32 workers × ⌈100 / 32⌉ = 4 rows per claim: 4 × the 5 s timeout stays within the 30 s lease
        ["Workflows:Distribution:Workers"] = "32",
        ["Workflows:Distribution:BatchSize"] = batch ?? "100",
    };

    /// <summary>The Nơi nhận lines of a plan file, as the reader would give them (name, purpose codes, kind).</summary>
    public static object[] RecipientsOf(string path)
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("Nơi nhận", StringComparison.Ordinal));
        var result = new List<object>();
        foreach (var raw in lines.Skip(start + 1))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith('-')) break;
            var name = RecipientText.Clean(line);
            result.Add(new
            {
                name,
                purpose = RecipientText.BracketPurposes(line),
                kind = RecipientText.IsArchive(name) ? "archive" : "external",
            });
        }
        return result.ToArray();
    }

    /// <summary>Uploads <paramref name="path"/> under a Vietnamese file name and sets its Nơi nhận.</summary>
    public static async Task<Guid> UploadWithRecipientsAsync(PlanFlow flow, string path, string fileName)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"plans-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, fileName);
        File.Copy(path, copy);
        var id = await flow.UploadAsync(copy);
        await SetRecipientsAsync(flow, id, RecipientsOf(path));
        return id;
    }

    public static async Task SetRecipientsAsync(PlanFlow flow, Guid planId, object[] recipients)
    {
        var response = await flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields = new { recipients } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<Guid> CreateWithRecipientsAsync(PlanFlow flow, string subject, params string[] lines)
    {
        var id = await flow.CreateAsync(subject);
        await SetRecipientsAsync(flow, id, lines.Select(l => (object)new { name = l, purpose = Array.Empty<string>(), kind = "external" }).ToArray());
        return id;
    }

    public static async Task<JsonElement[]> DeliveriesAsync(PlanFlow flow, Guid planId) =>
        (await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/plans/{planId}/deliveries"))!;

    /// <summary>Waits until no delivery of the plan is queued, sending or retrying.</summary>
    public static async Task<JsonElement[]> SettledAsync(PlanFlow flow, Guid planId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var deliveries = await DeliveriesAsync(flow, planId);
            if (deliveries.Length > 0 && deliveries.All(d => d.GetProperty("status").GetString() is "sent" or "failed")) return deliveries;
            if (DateTime.UtcNow > until)
                throw new TimeoutException("Deliveries not settled: " + string.Join(", ", deliveries.Select(d => $"{d.GetProperty("address")}={d.GetProperty("status")}")));
            await Task.Delay(100);
        }
    }

    /// <summary>Addresses of the Uông Bí plans (2020, 2023) in the demo directory.</summary>
    public static string[] UongBiAddresses =>
    [
        "vanphong@sogddt.quangninh.example.org", "vanphong@ubnd.uongbi.example.org", "congttdt@gddt.uongbi.example.org",
        .. DemoDirectory.Leaders.Select(l => l.Email), .. DemoDirectory.Units.Select(u => u.Email), .. DemoDirectory.SchoolList.Select(s => s.Email),
    ];

    /// <summary>Addresses of the Ba Chẽ plan (2021).</summary>
    public static string[] BaCheAddresses =>
    [
        "vanphong@sogddt.quangninh.example.org", "vanphong@ubnd.bache.example.org", "bantuyengiao@bache.example.org",
        "dapthanh@bache.example.org", "thanhson@bache.example.org", "hoang.thi.oanh@bache.example.org", "chuyenmon@gddt.bache.example.org",
    ];

    public static async Task<HttpResponseMessage> ClerkApproveAsync(PlanFlow flow, Guid planId) =>
        await PlanFlow.CompleteAsync(flow.Clerk, await PlanFlow.TaskOfAsync(flow.Clerk, planId), "approve");

    public static async Task ToClerkAsync(PlanFlow flow, Guid planId)
    {
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        await PlanFlow.ActAsync(flow.Signer, planId, "approve", signingForm: "direct");
    }

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string body) =>
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
}
