using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Telemetry;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Operations;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_Workflows_meter_counts_completed_tasks_sent_and_failed_messages_and_overdue_requests()
    {
        using var smtp = new TestSmtpServer().Start();
        smtp.Control(permanent: ["vanphong@ubnd.uongbi.example.org"]);
        await using var app = new WorkflowsApp(settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);

        // Only this Host's meter: the factory scopes it, so other tests running in parallel do not count here.
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowsMetrics.MeterName && instrument.Meter.Scope == factory) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tag = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            totals.AddOrUpdate($"{instrument.Name}[{tag}]", value, (_, v) => v + value);
        });
        listener.Start();

        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử đếm số liệu", "Sở GDĐT Quảng Ninh", "UBND TP");
        await flow.ReleaseAsync(planId); // review, sign, issue and release: three tasks completed with approve
        var deliveries = await SettledAsync(flow, planId);
        Assert.Equal(2, deliveries.Length);
        // The sender counts a message once its mark has committed, a moment after the deliveries read as settled.
        for (var waited = 0; waited < 50 && totals.GetValueOrDefault("workflows.messages.sent[category=release]")
                 + totals.GetValueOrDefault("workflows.messages.failed[category=release]") < 2; waited++)
            await Task.Delay(100);
        app.Services.GetRequiredService<WorkflowsMetrics>().RequestsOverdue(3, "PGDĐT");

        // The three tasks were opened by this Host: each completion was decided from the engine's copy, in one round trip.
        Assert.Equal(3, totals.GetValueOrDefault("workflows.tasks.completed[outcome=approve,path=copy]"));
        Assert.Equal(1, totals.GetValueOrDefault("workflows.messages.sent[category=release]"));
        Assert.Equal(1, totals.GetValueOrDefault("workflows.messages.failed[category=release]"));
        Assert.Equal(3, totals.GetValueOrDefault("workflows.requests.overdue[body=PGDĐT]"));
    }
}
