using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Storage;

namespace Workflows.TaskTimers;

/// <summary>The task emails (<see cref="ITaskMail"/>) as outbox messages of the Distribution owner.</summary>
internal sealed class OutboxTaskMail : ITaskMail
{
    public bool Queue(UnitOfWork work, string category, WorkflowUserInfo to, string subject, string body, string dedupKey, Guid planId)
    {
        if (string.IsNullOrWhiteSpace(to.Email)) return false;
        OutboxWriter.Enqueue(work, new OutboxMessage(category, to.Email, to.FullName, subject, body, DedupKey: dedupKey, PlanId: planId));
        return true;
    }
}
