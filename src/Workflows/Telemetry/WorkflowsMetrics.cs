using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Workflows.Telemetry;

/// <summary>
/// The counters of the <c>Workflows</c> meter (<see cref="System.Diagnostics.Metrics"/>, no OpenTelemetry dependency:
/// the Host exports them by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set). Created from the process's
/// <see cref="IMeterFactory"/>, so each Host (and each in-memory test Host) has meters of its own.
/// </summary>
public sealed class WorkflowsMetrics
{
    /// <summary>The meter's name, to subscribe to (<c>AddMeter("Workflows")</c>, <c>dotnet-counters --counters Workflows</c>).</summary>
    public const string MeterName = "Workflows";

    private readonly Counter<long> _tasksCompleted;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _messagesFailed;
    private readonly Counter<long> _requestsOverdue;
    private readonly Counter<long> _auditSealed;
    private double _sealingLagSeconds;
    private long _unsealed;

    /// <summary>Creates the meter <see cref="MeterName"/> and its instruments.</summary>
    /// <param name="meterFactory">The process's factory; null (no metrics registered, e.g. a tool) creates a free-standing meter.</param>
    public WorkflowsMetrics(IMeterFactory? meterFactory)
    {
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _tasksCompleted = Meter.CreateCounter<long>("workflows.tasks.completed", "{task}",
            "Human tasks completed (tags: outcome; path: copy when decided from the engine's copy of the task in one round trip, read when read and locked first).");
        _messagesSent = Meter.CreateCounter<long>("workflows.messages.sent", "{message}",
            "Outgoing messages the mail server accepted (tag: category).");
        _messagesFailed = Meter.CreateCounter<long>("workflows.messages.failed", "{message}",
            "Outgoing messages that failed for good: 5xx reply or attempts exhausted (tag: category).");
        _requestsOverdue = Meter.CreateCounter<long>("workflows.requests.overdue", "{request}",
            "School report requests found past their deadline without a submission (tag: body).");
        _auditSealed = Meter.CreateCounter<long>("workflows.audit.sealed", "{record}",
            "Audit records chained by this node's sealer.");
        Meter.CreateObservableGauge("workflows.audit.sealing_lag", () => Volatile.Read(ref _sealingLagSeconds), "s",
            "How long the oldest audit record not yet chained has waited (0 when every record is sealed), as last measured by this node.");
        Meter.CreateObservableGauge("workflows.audit.unsealed", () => Volatile.Read(ref _unsealed), "{record}",
            "Audit records written but not yet chained, as last measured by this node.");
    }

    /// <summary>The meter (its <see cref="Meter.Scope"/> is the factory that created it).</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Counts one human task completed with <paramref name="outcome"/> (approve, return, reject…), tagged with the path the
    /// engine took: <c>copy</c> (decided from its copy of the task, one round trip) or <c>read</c> (read and locked first).
    /// </summary>
    public void TaskCompleted(string outcome, bool fromCopy) =>
        _tasksCompleted.Add(1, new TagList { { "outcome", outcome }, { "path", fromCopy ? "copy" : "read" } });

    /// <summary>Counts one message accepted by the mail server.</summary>
    /// <param name="category">The outbox category, e.g. <c>release</c>.</param>
    public void MessageSent(string category) => _messagesSent.Add(1, new TagList { { "category", category } });

    /// <summary>Counts one message marked failed (it will not be retried unless the clerk resends it).</summary>
    /// <param name="category">The outbox category, e.g. <c>release</c>.</param>
    public void MessageFailed(string category) => _messagesFailed.Add(1, new TagList { { "category", category } });

    /// <summary>Counts <paramref name="count"/> report requests that became overdue (called by the reporting scheduler).</summary>
    /// <param name="count">How many requests passed their deadline in this pass (0 adds nothing).</param>
    /// <param name="bodyCode">The issuing body whose requests they are, e.g. <c>PGDĐT</c>.</param>
    public void RequestsOverdue(long count, string bodyCode)
    {
        if (count > 0) _requestsOverdue.Add(count, new TagList { { "body", bodyCode } });
    }

    /// <summary>Counts <paramref name="count"/> audit records sealed by this node.</summary>
    public void AuditSealed(long count)
    {
        if (count > 0) _auditSealed.Add(count);
    }

    /// <summary>Records the audit chain's backlog as just measured: the gauges <c>workflows.audit.sealing_lag</c> and <c>workflows.audit.unsealed</c>.</summary>
    /// <param name="unsealed">Records not yet sealed.</param>
    /// <param name="oldestAge">Age of the oldest of them (zero when none).</param>
    public void AuditBacklog(long unsealed, TimeSpan oldestAge)
    {
        Volatile.Write(ref _unsealed, unsealed);
        Volatile.Write(ref _sealingLagSeconds, oldestAge.TotalSeconds);
    }

    /// <summary>The sealing lag last recorded by <see cref="AuditBacklog"/>, in seconds.</summary>
    public double SealingLagSeconds => Volatile.Read(ref _sealingLagSeconds);
}
