namespace Workflows.Host.Reporting;

/// <summary>Counts this process's runs of the reporting catch-up job (for logs and for tests that wait for a run).</summary>
internal sealed class ReportingCycleMonitor
{
    private readonly Lock _lock = new();
    private long _started;
    private long _completed;

    /// <summary>Number of runs started in this process.</summary>
    public long Started { get { lock (_lock) return _started; } }

    /// <summary>Highest run number completed in this process.</summary>
    public long Completed { get { lock (_lock) return _completed; } }

    /// <summary>The error of the latest failed run, cleared by a successful one.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Marks a run started and returns its number.</summary>
    public long Begin() { lock (_lock) return ++_started; }

    /// <summary>Marks run <paramref name="run"/> completed.</summary>
    public void End(long run, Exception? error)
    {
        lock (_lock)
        {
            _completed = Math.Max(_completed, run);
            LastError = error;
        }
    }
}
