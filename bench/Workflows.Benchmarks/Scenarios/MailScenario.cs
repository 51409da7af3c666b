using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Distribution;
using Workflows.Distribution.Mail;
using Workflows.Engine;
using Workflows.Plans;
using Workflows.Storage;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The mail path against an MTA-grade sink (issue 14): Postfix's <c>smtp-sink</c> receives, and in the same run
/// Postfix's <c>smtp-source</c> sends messages of the same size over as many kept-open connections into the same sink —
/// the ceiling each rate is shown against.
/// <list type="bullet">
/// <item>Sustained rate: 10,000 report-request-like messages queued in the outbox (one statement, the sender off), then
/// the Host's <see cref="OutboxSender"/> works them (claims, MailKit over the pool, marks) until the sink counted the
/// last one.</item>
/// <item>Release of one plan to 1,000 recipients with the attachment, from the start of the clerk's completion until the
/// sink counted the 1,000th message, the Host's own sender running as in production (poll 1 s).</item>
/// </list>
/// </summary>
internal sealed class MailScenario : IScenario
{
    private const string Subject = "Đề nghị gửi báo cáo: Sơ kết học kỳ I – Tháng 12/2026";

    private const string Body =
        "Kính gửi: Trường thử tải số {n}\n\nPhòng Giáo dục và Đào tạo thành phố Uông Bí đề nghị đơn vị gửi báo cáo \"Sơ kết học kỳ I\" theo Kế hoạch số 95/KH-PGDĐT.\n\n"
        + "- Báo cáo: Sơ kết học kỳ I\n- Theo Kế hoạch số: 95/KH-PGDĐT\n- Kỳ báo cáo: Tháng 12/2026\n"
        + "- Thời gian chốt số liệu: từ ngày 15/11/2026 đến ngày 14/12/2026 (Nghị định 09/2019/NĐ-CP, Điều 12)\n"
        + "- Hạn gửi: trước 24 giờ 00 ngày 15/12/2026 (thứ Ba)\n\n"
        + "Đơn vị nộp báo cáo (tệp .docx, .xlsx, .pdf hoặc .zip) tại đường dẫn riêng sau, không cần tài khoản:\n"
        + "https://baocao.uongbi.example.vn/nop-bao-cao/Xk3v9QpL2mTz8RbW4yHc7NdF6sGa1JeU0oIq5VtBnYw{n}\n\n"
        + "Đường dẫn chỉ dùng cho đơn vị, đề nghị không chuyển cho người khác. Báo cáo gửi sau hạn vẫn được nhận và ghi là nộp muộn; "
        + "đường dẫn hết hiệu lực sau ngày 14/01/2027.\n";

    public string Name => "mail";

    public string Description => "the sender and a release into Postfix's smtp-sink, against smtp-source's rate into the same sink";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var queued = context.Options.Quick ? 2_000 : 10_000;
        var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 3);
        using var sink = new BenchSmtpSink();
        var results = new List<Measurement>();
        (string Label, Dictionary<string, string?> Settings)[] variants = context.Options.Quick
            ? [("default", [])]
            :
            [
                ("default", []),
                ("12 workers × 8 rows", new()
                {
                    ["Workflows:Distribution:Workers"] = "12", ["Workflows:Distribution:BatchSize"] = "96",
                }),
                ("32 workers × 2 rows (the former default)", new()
                {
                    ["Workflows:Distribution:Workers"] = "32", ["Workflows:Distribution:BatchSize"] = "64", ["Workflows:Distribution:LeaseSeconds"] = "120",
                }),
            ];
        var connections = 0;
        var bytes = 0;
        DistributionOptions sender = new();
        List<double> release = [], releaseRates = [], completion = [];
        const int recipients = 1000;
        var releaseSettings = Settings(sink.Port);
        // First, while no other Host has run in this process: its peak memory is this Host's alone.
        PeakMemory.Reset();
        await using (var host = context.CreateHost("mail_release", releaseSettings))
        {
            var services = host.Services;
            var engine = services.GetRequiredService<WorkflowEngine>();
            var store = services.GetRequiredService<PlanStore>();
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            await ReleaseScenario.ImportGroupAsync(services.GetRequiredService<DirectoryStore>(), recipients, cancellationToken);
            for (var run = 0; run < warmups + runs; run++)
            {
                var clerkTask = await ReleaseScenario.ToClerkAsync(store, engine, dataSource, context.RepositoryRoot, run, cancellationToken);
                var target = sink.Accepted + recipients;
                var start = Stopwatch.GetTimestamp();
                await engine.CompleteAsync(clerkTask, "approve", null, null, ReleaseScenario.Clerk, cancellationToken);
                var committed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                await sink.WaitForAsync(target, TimeSpan.FromMinutes(3));
                var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                await Task.Delay(300, cancellationToken);
                if (sink.Accepted != target) notes.Add($"release run {run + 1}: the sink received {sink.Accepted - target} messages more than expected");
                if (run < warmups) continue;
                release.Add(seconds);
                completion.Add(committed);
                releaseRates.Add(recipients / (seconds - committed));
            }
        }
        var releasePeak = PeakMemory.PeakMiB();
        foreach (var (label, extra) in variants)
        {
            var settings = Settings(sink.Port);
            settings["Workflows:Distribution:SenderEnabled"] = "false";
            foreach (var (k, v) in extra) settings[k] = v;
            List<double> sustained = [], ceiling = [], shares = [], hostCpu = [], postgresCpu = [], sinkCpu = [];
            PeakMemory.Reset(); // each Host on its own: the previous variant's is disposed
            await using var host = context.CreateHost("mail_sustained", settings);
            var services = host.Services;
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var outbox = services.GetRequiredService<OutboxSender>();
            var variant = services.GetRequiredService<IOptions<DistributionOptions>>().Value;
            if (label == "default") sender = variant;
            connections = variant.Smtp.Connections;
            bytes = MessageBytes(variant.Smtp.From);
            var cpu = context.Postgres.Cpu();
            for (var run = 0; run < warmups + runs; run++)
            {
                await EnqueueAsync(dataSource, queued, cancellationToken);
                var target = sink.Accepted + queued;
                var cpuBefore = cpu.Read();
                var sinkBefore = sink.CpuMs();
                var start = Stopwatch.GetTimestamp();
                var worked = await outbox.RunOnceAsync(cancellationToken);
                await sink.WaitForAsync(target, TimeSpan.FromMinutes(5));
                var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var cpuAfter = cpu.Read();
                var sinkAfter = sink.CpuMs();
                if (worked != queued) notes.Add($"{label}, run {run + 1}: the sender worked {worked} rows, not {queued}");
                var source = await sink.SourceAsync(connections, queued, bytes, cancellationToken);
                if (run < warmups) continue;
                sustained.Add(queued / seconds);
                ceiling.Add(source);
                shares.Add(queued / seconds / source);
                hostCpu.Add((cpuAfter.Host - cpuBefore.Host) / queued);
                postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / queued);
                sinkCpu.Add((sinkAfter - sinkBefore) / queued);
                BenchContext.Log($"mail, {label}: sender {queued / seconds:F0}/s, smtp-source {source:F0}/s ({queued / seconds / source:P0})");
            }
            var name = $"{label} ({variant.Workers} workers, {variant.ClaimPerWorker} rows per claim, {connections} connections)";
            results.Add(Measurement.Of($"sender's rate, {queued:N0} queued, {name}", "/s", sustained, higherIsBetter: true) with { ComparableToPgbench = false });
            results.Add(Measurement.Of($"smtp-source's rate into the same sink, -s {connections} (ceiling)", "/s", ceiling, higherIsBetter: true) with { ComparableToPgbench = false });
            results.Add(Measurement.Of($"sender's rate ÷ smtp-source's, {label}", "×", shares, "≥ 0.30", higherIsBetter: true) with { ComparableToPgbench = false });
            results.Add(Measurement.Of($"CPU per message, this process, {label}", "ms", hostCpu));
            results.Add(Measurement.Of($"CPU per message, PostgreSQL, {label}", "ms", postgresCpu));
            results.Add(Measurement.Of($"CPU per message, smtp-sink, {label}", "ms", sinkCpu));
            results.Add(Measurement.Of($"peak memory of the process with this Host, {label}", "MiB", [PeakMemory.PeakMiB()], label == "default" ? "< 400 MiB" : null));
        }

        notes.Add($"{warmups} warm-up and {runs} measured runs of each part; {queued:N0} queued messages of {bytes:N0} bytes (text + HTML, no attachment); "
            + $"smtp-source -d -s {connections} -m {queued} -l {bytes} into the same sink right after each sender run");
        notes.Add($"sender: {sender.Workers} workers, BatchSize {sender.BatchSize}, MailKit pool of {connections} connections; release: woken by NOTIFY at commit (poll {sender.PollMilliseconds} ms otherwise), "
            + "attachment uongbi-2023-95-KH-PGDDT.txt");
        results.Add(Measurement.Of($"release to {recipients:N0} until the sink received the last", "s", release, "< 1.5 s"));
        results.Add(Measurement.Of("peak memory of the process with the release's Host", "MiB", [releasePeak], "< 400 MiB"));
        results.Add(Measurement.Of("of which the clerk's completion (number, stamp and seal the PDF, 1,000 outbox rows, commit)", "s", completion));
        results.Add(Measurement.Of($"release to {recipients:N0}, messages/s after the commit", "/s", releaseRates, higherIsBetter: true) with { ComparableToPgbench = false });
        return results;
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Workflows:Distribution:Transport"] = "Smtp",
        ["Workflows:Distribution:Smtp:Host"] = "127.0.0.1",
        ["Workflows:Distribution:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workflows:Distribution:Smtp:From"] = "vanthu@pgddt.uongbi.example.org",
    };

    /// <summary>The size of one queued message as sent (headers, text and HTML): smtp-source sends as many bytes.</summary>
    private static int MessageBytes(string from)
    {
        var message = MailMessageBuilder.Build(new OutgoingMail("<0123456789abcdef0123456789abcdef@workflows.local>", "truong5000@bench.example.org",
            "Trường thử tải số 5000", Subject, Body.Replace("{n}", "5000", StringComparison.Ordinal)), from, DateTimeOffset.UtcNow);
        using var stream = new MemoryStream();
        message.WriteTo(MailMessageBuilder.Format, stream);
        return (int)stream.Length;
    }

    /// <summary>Queues <paramref name="count"/> plan-less messages in one statement through the outbox's own insert.</summary>
    private static async Task EnqueueAsync(NpgsqlDataSource dataSource, int count, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        await work.ExecuteAsync(BatchStatement.Create(
            """
            WITH messages AS (
                SELECT 'truong' || g || '@bench.example.org' AS address, 'Trường thử tải số ' || g AS recipient_name, NULL::uuid AS entry_id,
                       $1::text AS subject, replace($2::text, '{n}', g::text) AS body, 'report-request' AS category,
                       NULL::text AS dedup_key, NULL::uuid AS reference_id, false AS redact_after_send
                FROM generate_series(1, $3::int) AS g
            )
            """ + OutboxWriter.InsertFrom(work, "messages"), Subject, Body, count), cancellationToken);
        await work.CommitAsync(cancellationToken);
    }
}
