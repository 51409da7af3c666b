using Microsoft.Extensions.Time.Testing;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Submissions;

/// <summary>
/// One Host in memory on its own database with a real SMTP server, an upload limit of 1 MB, and one schedule
/// (from plan 95/KH-PGDĐT, of PGDĐT) with the period "Tháng 3/2026": due Sunday 15/03/2026, so the deadline is the
/// end of Monday 16/03/2026; the period closes on 01/04/2026 00:00. The clock starts at 10/03/2026 09:00 Vietnam time.
/// </summary>
public sealed class SubmissionFixture : IAsyncLifetime
{
    public const string Title = "Báo cáo kết quả thực hiện nhiệm vụ năm học";
    public const string Symbol = "95/KH-PGDĐT";
    public const long Limit = 1024 * 1024;
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, VietnamTime.Offset);
    public static readonly DateTimeOffset Deadline = new(2026, 3, 17, 0, 0, 0, VietnamTime.Offset);
    public static readonly DateTimeOffset ClosesAt = new(2026, 4, 1, 0, 0, 0, VietnamTime.Offset);

    internal TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();
    internal WorkflowsApp App { get; private set; } = null!;
    internal Guid ScheduleId { get; private set; }
    internal Guid PeriodId { get; private set; }
    private int _schools;

    public async Task InitializeAsync()
    {
        var settings = DistributionFlow.Settings(Smtp.Port);
        settings["Workflows:Reporting:MaxUploadBytes"] = Limit.ToString();
        settings["Workflows:Reporting:PublicBaseUrl"] = "https://baocao.example.vn";
        App = new WorkflowsApp(clock: new FakeTimeProvider(Start.ToUniversalTime()), settings: settings);
        using (App.CreateClient()) { } // starts the Host: migrations applied
        ScheduleId = await ReportingRows.ScheduleAsync(App.ConnectionString, Title, "PGDĐT", Symbol);
        PeriodId = await ReportingRows.PeriodAsync(App.ConnectionString, ScheduleId, "2026-03", "Tháng 3/2026",
            new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 14), new DateOnly(2026, 3, 15), Deadline, ClosesAt);
    }

    /// <summary>A new school with its own request in the fixture's period.</summary>
    internal Task<RequestRow> NewSchoolAsync(string? name = null)
    {
        var n = Interlocked.Increment(ref _schools);
        return ReportingRows.RequestAsync(App.ConnectionString, ScheduleId, PeriodId, name ?? $"Trường Tiểu học Số {n} Uông Bí", $"truong{n}@uongbi.example.org");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Smtp.Dispose();
    }
}
