using System.Collections.Concurrent;
using System.Threading.Channels;
using Workflows.Kernel;

namespace Workflows.Scanning;

/// <summary>
/// The queue of scans waiting for OCR, off the request thread: an upload is queued and answered at once; a worker
/// (the Host's <c>ScanWorker</c>) reads one scan at a time and creates its plan. Jobs live in this node's memory; a
/// finished job is forgotten an hour after it ended. Thread-safe.
/// </summary>
public sealed class ScanQueue
{
    private readonly ConcurrentDictionary<Guid, ScanJob> _jobs = new();
    private readonly Channel<ScanJob> _waiting = Channel.CreateUnbounded<ScanJob>();

    /// <summary>Queues a scan uploaded by <paramref name="actor"/>.</summary>
    /// <returns>The queued job.</returns>
    public ScanJob Enqueue(byte[] content, string fileName, string contentType, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = Environment.TickCount64;
        foreach (var old in _jobs.Values.Where(j => j.FinishedAt > 0 && now - j.FinishedAt > 3_600_000))
        {
            _jobs.TryRemove(old.Id, out _);
        }
        var job = new ScanJob(Guid.NewGuid(), actor, Path.GetFileName(fileName), contentType, content);
        _jobs[job.Id] = job;
        _waiting.Writer.TryWrite(job);
        return job;
    }

    /// <summary>The job, when it exists and belongs to <paramref name="actor"/>; null otherwise.</summary>
    public ScanJob? Find(Guid id, Actor actor) =>
        _jobs.TryGetValue(id, out var job) && job.Owner == actor?.UserName ? job : null;

    internal ValueTask<ScanJob> NextAsync(CancellationToken cancellationToken) => _waiting.Reader.ReadAsync(cancellationToken);

    internal static void Finish(ScanJob job, Guid? planId, string? error)
    {
        job.PlanId = planId;
        job.Error = error;
        job.Content = null;
        job.FinishedAt = Environment.TickCount64;
        job.State = planId is null ? "failed" : "done";
    }
}
