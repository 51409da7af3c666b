using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Telemetry;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

public sealed class ReportingMetricsTests
{
    [Fact]
    public async Task Requests_marked_overdue_by_the_cycle_are_counted_once_in_the_requests_overdue_metric()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2026, 3, 2, 8).ToUniversalTime());
        await using var app = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);

        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var overdue = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowsMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == "workflows.requests.overdue")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            overdue.AddOrUpdate(string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")), value, (_, v) => v + value));
        listener.Start();

        var march = (await ScheduleOfAsync(flow.Clerk, await ReleasePlan95Async(flow))).GetProperty("periods")[0];
        clock.AdjustTime(march.GetProperty("opensAt").GetDateTimeOffset().ToUniversalTime());
        await RunCycleAsync(app);
        await MailAsync(smtp, 9);
        await SubmitAsync(app, Schools[0], "2026-03", clock.GetUtcNow().AddHours(2));
        await SubmitAsync(app, Schools[1], "2026-03", clock.GetUtcNow().AddHours(3));
        clock.AdjustTime(StepTime(march, -1).ToUniversalTime());
        await RunCycleAsync(app);
        Assert.Empty(overdue); // reminders are not overdue

        clock.AdjustTime(StepTime(march, 1).ToUniversalTime());
        await RunCycleAsync(app);
        await RunCycleAsync(app); // a second pass marks nothing again
        Assert.Equal(7L, await ScalarAsync<long>(app, "SELECT count(*) FROM report_requests WHERE overdue_at IS NOT NULL"));
        Assert.Equal(7, Assert.Single(overdue, p => p.Key == "body=PGDĐT").Value);
        Assert.Single(overdue);
    }
}
