using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// Told, inside the transition's unit of work, each time a human task is created or gets a new holder (reassignment,
/// escalation), after its row and audit record are queued: what it writes (an outgoing email through the outbox, a timer row) commits or rolls back with the transition. Every registered handler
/// is called, in registration order. The engine's own task timers (reminders, escalation) are one such handler.
/// </summary>
public interface ITaskOpenedHandler
{
    /// <summary>Reacts to <paramref name="task"/>.</summary>
    /// <exception cref="Kernel.WorkflowException">Refuses the whole transition.</exception>
    Task OnOpenedAsync(UnitOfWork work, OpenedTask task, CancellationToken cancellationToken);
}
