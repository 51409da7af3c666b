using System.Collections;

namespace Workflows.Telemetry;

/// <summary>
/// The state passed to <c>ILogger.BeginScope</c> so every log line of a transition, a release or a send carries the
/// ids it concerns (<c>PlanId</c>, <c>InstanceId</c>, <c>TaskId</c>, <c>OutboxId</c>, <c>MessageId</c>) as structured
/// properties (JSON console, OpenTelemetry), and reads <c>PlanId:… TaskId:…</c> in the plain console.
/// </summary>
public sealed class LogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _items = new(3);

    private LogScope Add(string key, object? value)
    {
        if (value is not null) _items.Add(new(key, value));
        return this;
    }

    /// <summary>A scope naming a plan and, when known, its workflow instance and human task.</summary>
    public static LogScope Plan(Guid planId, Guid? instanceId = null, Guid? taskId = null) =>
        new LogScope().Add("PlanId", planId).Add("InstanceId", instanceId).Add("TaskId", taskId);

    /// <summary>A scope naming one outgoing message: its outbox row, its Message-ID and its plan when it has one.</summary>
    public static LogScope Message(Guid outboxId, string messageId, Guid? planId) =>
        new LogScope().Add("OutboxId", outboxId).Add("MessageId", messageId).Add("PlanId", planId);

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><c>PlanId:… InstanceId:… TaskId:…</c>.</summary>
    public override string ToString() => string.Join(" ", _items.Select(i => $"{i.Key}:{i.Value}"));
}
