using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Workflows.Tests.Infrastructure;
using Xunit.Abstractions;
using static Workflows.Tests.Distribution.DistributionFlow;

namespace Workflows.Tests.Distribution;

/// <summary>Not a timed test: reports how long releasing a plan to 1,000 addresses takes until the SMTP server accepted all.
/// Runs only with <c>DISTRIBUTION_BENCHMARK=1</c>.</summary>
public sealed class DistributionBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Releasing_a_plan_to_1000_addresses_reports_the_time_until_the_SMTP_server_accepted_all()
    {
        if (Environment.GetEnvironmentVariable("DISTRIBUTION_BENCHMARK") != "1") return;
        using var smtp = new TestSmtpServer().Start();
        var settings = Settings(smtp.Port);
        settings["Workflows:Distribution:Workers"] = "16";
        await using var app = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(app);
        var admin = await app.SignInAsync("quantri");
        var csv = new StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= 1000; i++) csv.Append($"Đơn vị nhận thử {i},school,nhan{i}@bench.example.org,Nhóm thử tải,\n");
        await admin.PostAsync("/api/directory/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử tải 1000 địa chỉ", "Nhóm thử tải");
        var watch = Stopwatch.StartNew();
        await flow.ReleaseAsync(planId);
        while (smtp.Messages().Count < 1000) await Task.Delay(50);
        output.WriteLine($"1000 messages accepted by the SMTP server {watch.Elapsed.TotalSeconds:F1} s after the release started.");
        Console.WriteLine($"BENCHMARK: 1000 messages in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
