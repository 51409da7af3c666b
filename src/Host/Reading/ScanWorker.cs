using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Reading;
using Workflows.Scanning;

namespace Workflows.Host.Reading;

/// <summary>Reads the queued scans by OCR, one after another (<see cref="ScanOptions.Workers"/> at once), and creates
/// each one's draft plan for the drafter who uploaded it, its Nơi nhận lines checked against the directory
/// (<see cref="ScanDirectoryCheck"/>); a refusal is kept on the job in Vietnamese.</summary>
internal sealed class ScanWorker(ScanQueue queue, ScanReader reader, PlanStore plans, DirectoryStore directory, Microsoft.Extensions.Options.IOptions<ScanOptions> options,
    ILogger<ScanWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Clamp(options.Value.Workers, 1, 8)).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var job = await queue.NextAsync(stop);
            job.State = "reading";
            try
            {
                var content = job.Content!;
                var fields = await reader.ReadAsync(content, job.FileName, new JobProgress(job), stop);
                fields = ScanDirectoryCheck.Apply(fields, await directory.ListAsync(null, null, stop));
                var plan = PlanUploads.PlanFrom(fields, job.FileName, job.ContentType, content, "", "");
                ScanQueue.Finish(job, await plans.CreateAsync(plan, job.Actor, stop), null);
            }
            catch (PlanReadException e)
            {
                ScanQueue.Finish(job, null, e.VietnameseMessage);
            }
            catch (WorkflowException e)
            {
                ScanQueue.Finish(job, null, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                log.LogError(e, "OCR of scan {Job} ({File}) failed", job.Id, job.FileName);
                ScanQueue.Finish(job, null, "Không nhận dạng được bản quét do lỗi hệ thống; hãy thử lại sau.");
            }
        }
    }

    private sealed class JobProgress(ScanJob job) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => (job.PagesDone, job.PagesTotal) = value;
    }
}
