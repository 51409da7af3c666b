using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>
/// The SMTP time limit (<c>Smtp:TimeoutSeconds</c>, <c>SmtpClient.Timeout</c>) holds for the sender's asynchronous sends:
/// the lease rule checked at start-up (lease &gt; rows per claim × time limit) rests on it.
/// </summary>
public sealed class SendTimeoutTests
{
    [Fact]
    public async Task A_server_that_does_not_answer_within_the_time_limit_gets_the_message_again_later_with_the_same_Message_ID()
    {
        using var smtp = new TestSmtpServer().Start();
        smtp.Control(delayMilliseconds: 5000); // stores each message, then answers 250 only after 5 s
        var settings = Settings(smtp.Port);
        settings["Workflows:Distribution:Smtp:TimeoutSeconds"] = "1";
        await using var app = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(app);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử máy chủ thư chậm", "Sở GDĐT Quảng Ninh", "UBND TP");
        var released = DateTime.UtcNow;
        await flow.ReleaseAsync(planId);

        // Without the limit each attempt would wait the server's 5 s: three attempts would take 15 s.
        var waiting = await DeliveriesAsync(flow, planId);
        while (!waiting.All(d => d.GetProperty("attempts").GetInt32() >= 3) && DateTime.UtcNow < released.AddSeconds(12))
        {
            await Task.Delay(100);
            waiting = await DeliveriesAsync(flow, planId);
        }
        Assert.All(waiting, d =>
        {
            Assert.True(d.GetProperty("attempts").GetInt32() >= 3, $"{d.GetProperty("attempts")} attempts in 12 s");
            Assert.NotEqual("sent", d.GetProperty("status").GetString());
            Assert.Contains("timed out", d.GetProperty("lastError").GetString());
        });

        smtp.Control(delayMilliseconds: 0);
        var deliveries = await SettledAsync(flow, planId);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.All(deliveries, d => Assert.True(d.GetProperty("attempts").GetInt32() >= 2));
        // The server kept the unanswered copies too: a receiver tells them apart only by the repeated Message-ID.
        Assert.Equal(deliveries.Select(d => d.GetProperty("messageId").GetString()).Order(),
            smtp.Messages().Select(m => m.MessageId).Distinct().Order());
    }
}
