using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Workflows.Host.Reporting;

/// <summary>
/// Hangfire's log provider (a process-wide setting of Hangfire): writes to the <see cref="ILoggerFactory"/> of the
/// newest Host running in the process, chosen at each call. Hangfire keeps its loggers in static fields, so a provider
/// bound to one Host's factory breaks Hangfire in every other Host of the process once that Host is disposed (the
/// disposed factory throws), which the tests, running several Hosts in one process, would hit. A Host attaches its
/// factory when it starts (<see cref="HangfireSetup"/>) and detaches it when it stops; with none attached nothing is written.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    /// <summary>The one bridge of the process.</summary>
    public static readonly HangfireLogBridge Instance = new();

    private readonly Lock _lock = new();
    private readonly List<ILoggerFactory> _factories = [];

    private HangfireLogBridge()
    {
    }

    /// <summary>Makes <paramref name="factory"/> the one Hangfire writes to.</summary>
    public void Attach(ILoggerFactory factory)
    {
        lock (_lock) _factories.Add(factory);
    }

    /// <summary>Stops writing to <paramref name="factory"/> (before it is disposed).</summary>
    public void Detach(ILoggerFactory factory)
    {
        lock (_lock) _factories.Remove(factory);
    }

    private ILoggerFactory? Current
    {
        get
        {
            lock (_lock) return _factories.Count == 0 ? null : _factories[^1];
        }
    }

    public ILog GetLogger(string name) => new BridgeLog(this, name);

    private sealed class BridgeLog(HangfireLogBridge bridge, string name) : ILog
    {
        private (ILoggerFactory Factory, ILogger Logger)? _cached;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (bridge.Current is not { } factory) return false;
            var cached = _cached;
            if (cached is not { } c || !ReferenceEquals(c.Factory, factory))
            {
                cached = (factory, factory.CreateLogger(name));
                _cached = cached;
            }
            var logger = cached.Value.Logger;
            var level = logLevel switch
            {
                HangfireLevel.Trace => Microsoft.Extensions.Logging.LogLevel.Trace,
                HangfireLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
                HangfireLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
                HangfireLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
                HangfireLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
                _ => Microsoft.Extensions.Logging.LogLevel.Critical,
            };
            // Without a message Hangfire only asks whether the level is on.
            if (messageFunc is null) return logger.IsEnabled(level);
            logger.Log(level, exception, "{Message}", messageFunc());
            return true;
        }
    }
}
