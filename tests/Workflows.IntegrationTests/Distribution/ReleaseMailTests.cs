using MimeKit;
using Workflows.Distribution;
using Workflows.Distribution.Mail;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>What a recipient of a released plan gets through the Host's sender and MailKit.</summary>
public sealed class ReleaseMailTests
{
    [Fact]
    public async Task A_release_email_carries_the_body_s_Reply_To_the_automatic_headers_text_and_HTML_and_the_plan_attached()
    {
        using var smtp = new TestSmtpServer().Start();
        var settings = Settings(smtp.Port);
        settings["Workflows:Distribution:Smtp:ReplyTo:PGDĐT"] = "vanthu@pgddt.uongbi.example.org";
        settings["Workflows:Distribution:Smtp:DefaultReplyTo"] = "hopthu@uongbi.example.org";
        await using var app = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(app);
        var planId = await UploadWithRecipientsAsync(flow, RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), "Kế hoạch 95.txt");
        await flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(flow, planId);
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));

        var plan = await flow.PlanAsync(planId);
        var messages = smtp.RawFiles().Select(f => MimeMessage.Load(f)).ToList();
        Assert.Equal(deliveries.Length, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal("vanthu@pgddt.uongbi.example.org", Assert.Single(m.ReplyTo.Mailboxes).Address);
            Assert.Equal("auto-generated", m.Headers[MailMessageBuilder.AutoSubmitted]);
            Assert.Equal("release", m.Headers[OutboxSender.CategoryHeader]);
            Assert.Contains("Kế hoạch số " + plan.GetProperty("symbol").GetString(), m.TextBody);
            Assert.Contains(plan.GetProperty("symbol").GetString()!, m.HtmlBody);
            // The issued PDF (numbered, signed by the head and the body), never the upload.
            var attachment = Assert.Single(m.Attachments.OfType<MimePart>());
            Assert.Equal(plan.GetProperty("symbol").GetString()!.Replace('/', '-') + ".pdf", attachment.FileName);
            Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        });
        Assert.Equal(deliveries.Select(d => d.GetProperty("messageId").GetString()).Order(), messages.Select(m => $"<{m.MessageId}>").Order());
    }
}
