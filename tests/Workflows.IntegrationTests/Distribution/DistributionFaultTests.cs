using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

public sealed class DistributionFaultTests
{
    [Fact]
    public async Task With_the_SMTP_server_down_during_release_everything_arrives_once_when_it_is_up_again()
    {
        using var smtp = new TestSmtpServer();
        await using var app = new WorkflowsApp(settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), "Kế hoạch 95.txt");
        await flow.ReleaseAsync(planId);

        var until = DateTime.UtcNow.AddSeconds(20);
        while ((await DeliveriesAsync(flow, planId)).Any(d => d.GetProperty("attempts").GetInt32() < 2) && DateTime.UtcNow < until) await Task.Delay(100);
        var waiting = await DeliveriesAsync(flow, planId);
        Assert.All(waiting, d => Assert.Contains(d.GetProperty("status").GetString(), new[] { "retrying", "sending" }));
        Assert.Contains(waiting, d => d.GetProperty("lastError").GetString() is { Length: > 0 });

        smtp.Start();
        var deliveries = await SettledAsync(flow, planId);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        var received = smtp.Messages().SelectMany(m => m.To).ToList();
        Assert.Equal(UongBiAddresses.Order(), received.Order());
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_sender_expires_and_the_message_is_sent_once_with_its_Message_ID()
    {
        using var smtp = new TestSmtpServer().Start();
        var settings = Settings(smtp.Port);
        settings["Workflows:Distribution:SenderEnabled"] = "false";
        await using var app = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(app);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử tiến trình gửi bị dừng", "Sở GDĐT Quảng Ninh", "UBND TP");
        await flow.ReleaseAsync(planId);
        // A sender that crashed mid-send: the row is claimed, its lease runs out in one second.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE outgoing_messages SET status = 'sending', claimed_by = 'crashed', claimed_until = now() + interval '1 second', attempts = 1 WHERE plan_id = @p", connection);
            command.Parameters.AddWithValue("p", planId);
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }
        var restarted = Settings(smtp.Port);
        await using var second = new WorkflowsApp(app.ConnectionString, settings: restarted);
        _ = second.Server; // starts the second Host with its sender
        var deliveries = await SettledAsync(flow, planId);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        var received = smtp.Messages();
        Assert.Equal(2, received.Count);
        Assert.Equal(deliveries.Select(d => d.GetProperty("messageId").GetString()).Order(), received.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task A_claim_still_being_sent_when_its_lease_would_end_is_renewed_and_no_other_Host_sends_it_again()
    {
        using var smtp = new TestSmtpServer().Start();
        smtp.Control(delayMilliseconds: 400); // a slow server: one claim of every release message takes about 7 s, past the 4 s lease
        var settings = Settings(smtp.Port, batch: "32"); // one worker per Host claiming up to 32 rows: the first claim takes them all
        settings["Workflows:Distribution:Workers"] = "1";
        settings["Workflows:Distribution:Smtp:TimeoutSeconds"] = "2";
        settings["Workflows:Distribution:LeaseSeconds"] = "4";
        await using var first = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(first);
        await using var second = new WorkflowsApp(first.ConnectionString, settings: settings);
        _ = second.Server; // idle while the other sends: it would take over any row whose lease ran out

        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"), "Kế hoạch 82.txt");
        await flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(flow, planId, TimeSpan.FromSeconds(120));
        Assert.Equal(UongBiAddresses.Length, deliveries.Length);
        Assert.True(deliveries.Length * 0.4 > 4, "the claim must take longer than the lease");
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.All(deliveries, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32())); // no row was claimed twice
        var received = smtp.Messages().SelectMany(m => m.To).ToList();
        Assert.Equal(deliveries.Length, received.Count);
        Assert.Equal(received.Count, received.Distinct().Count());
    }

    [Fact]
    public async Task Two_Host_processes_sending_from_one_outbox_double_nothing()
    {
        using var smtp = new TestSmtpServer().Start();
        var settings = Settings(smtp.Port, batch: "10");
        await using var first = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(first);
        await using var second = new WorkflowsApp(first.ConnectionString, settings: settings);
        _ = second.Server;

        var admin = await first.SignInAsync("quantri");
        var csv = new StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= 200; i++) csv.Append($"Trường Thử Số {i},school,truong{i}@uongbi.example.org,Các trường học trực thuộc,\n");
        var import = await (await admin.PostAsync("/api/directory/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, import.GetProperty("created").GetInt32());

        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"), "Kế hoạch 82.txt");
        await flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(flow, planId);
        Assert.Equal(UongBiAddresses.Length + 200, deliveries.Length);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.All(deliveries, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        var received = smtp.Messages().SelectMany(m => m.To).ToList();
        Assert.Equal(deliveries.Length, received.Count);
        Assert.Equal(received.Count, received.Distinct().Count());
        await using var connection = new NpgsqlConnection(first.ConnectionString);
        await connection.OpenAsync();
        await using var senders = new NpgsqlCommand("SELECT count(DISTINCT sent_by) FROM outgoing_messages WHERE plan_id = @p", connection);
        senders.Parameters.AddWithValue("p", planId);
        Assert.Equal(2L, (long)(await senders.ExecuteScalarAsync())!); // both Hosts took part
    }
}
