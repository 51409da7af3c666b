using Xunit.Abstractions;
using System.Text;
using Npgsql;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Operations;

/// <summary>The Host process killed with SIGKILL in the middle of sending a release, then started again (issue 4).</summary>
public sealed class HostKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_Host_killed_mid_send_and_restarted_delivers_to_every_address_repeating_only_messages_in_flight_with_their_Message_ID()
    {
        using var smtp = new TestSmtpServer().Start();
        smtp.Control(delayMilliseconds: 100); // a slow server: about 40 messages a second with 4 workers
        var settings = Settings(smtp.Port, batch: "4"); // one row per worker: the 3 s lease outlasts one 2 s send
        settings["Workflows:Distribution:Workers"] = "4";
        settings["Workflows:Distribution:Smtp:TimeoutSeconds"] = "2";
        settings["Workflows:Distribution:LeaseSeconds"] = "3"; // the dead process's claims are taken over 3 s after the kill
        await using var host = await new HostProcess(settings: settings, name: "killed").StartAsync();

        var admin = await host.SignInAsync("quantri");
        var csv = new StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= 200; i++) csv.Append($"Trường Thử Số {i},school,truong{i}@uongbi.example.org,Các trường học trực thuộc,\n");
        var import = await admin.PostAsync("/api/directory/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var flow = await PlanFlow.StartAsync(u => host.SignInAsync(u));
        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"), "Kế hoạch 82.txt");
        await flow.ReleaseAsync(planId);
        var expected = (await DeliveriesAsync(flow, planId)).Select(d => d.GetProperty("address").GetString()!).ToHashSet();
        Assert.Equal(UongBiAddresses.Length + 200, expected.Count);

        var until = DateTime.UtcNow.AddSeconds(60);
        while (smtp.Messages().Count < 40 && DateTime.UtcNow < until) await Task.Delay(20);
        await host.KillAsync();
        var receivedBeforeKill = smtp.Messages().Count;
        Assert.InRange(receivedBeforeKill, 40, expected.Count - 1); // the kill landed in the middle of sending

        HashSet<string> inFlight;
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT address FROM outgoing_messages WHERE plan_id = @p AND status = 'sending'", connection);
            command.Parameters.AddWithValue("p", planId);
            await using var reader = await command.ExecuteReaderAsync();
            inFlight = [];
            while (await reader.ReadAsync()) inFlight.Add(reader.GetString(0));
        }

        await host.StartAsync(); // the same database and port; the cookies signed before the kill still work
        var deliveries = await SettledAsync(flow, planId, TimeSpan.FromSeconds(120));
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));

        output.WriteLine($"{expected.Count} addresses; {receivedBeforeKill} received before the kill, {inFlight.Count} claimed (sending) at the kill; " +
            $"{smtp.Messages().Count} received in all");
        var byAddress = smtp.Messages().GroupBy(m => Assert.Single(m.To)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Order(), byAddress.Keys.Order()); // every address, nothing else
        var repeated = byAddress.Where(p => p.Value.Count > 1).ToList();
        Assert.All(repeated, p =>
        {
            Assert.Contains(p.Key, inFlight); // only a message that was being sent when the process died
            Assert.Single(p.Value.Select(m => m.MessageId).Distinct()); // with the same Message-ID
            Assert.Equal(2, p.Value.Count);
        });
        output.WriteLine($"repeated: {string.Join(", ", repeated.Select(p => p.Key))}");
        Assert.InRange(repeated.Count, 0, 4); // at most one per worker
        var messageIds = deliveries.ToDictionary(d => d.GetProperty("address").GetString()!, d => d.GetProperty("messageId").GetString());
        Assert.All(byAddress, p => Assert.Equal(messageIds[p.Key], p.Value[0].MessageId));
    }
}
