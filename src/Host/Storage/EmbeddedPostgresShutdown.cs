using Workflows.Storage;

namespace Workflows.Host.Storage;

/// <summary>
/// Stops the embedded PostgreSQL cluster the Host started itself when the Host shuts down (Ctrl-C/SIGINT, SIGTERM,
/// or the end of <c>RunAsync</c>): after every hosted service, the web server included, has stopped, so requests
/// being drained and background work still reach the database. A fast shutdown: committed work is kept. A cluster
/// that already ran when the Host started (another Host's, or one started by hand) is left running.
/// </summary>
internal sealed class EmbeddedPostgresShutdown(LocalPostgresCluster cluster, ILogger<EmbeddedPostgresShutdown> logger)
    : IHostedLifecycleService, IDisposable
{
    private int _stopped;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service's <c>StopAsync</c>.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        StopCluster();
        return Task.CompletedTask;
    }

    /// <summary>Also stops the cluster when the Host is disposed without a stop (a start that failed).</summary>
    public void Dispose() => StopCluster();

    private void StopCluster()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        logger.LogInformation("Stopping the embedded PostgreSQL in {Directory}", cluster.DataDirectory);
        cluster.Stop();
    }
}
