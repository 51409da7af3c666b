using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// Emails about a human task (a reminder to its holder, an escalation notice to a role), written to the outbox on the
/// transition's unit of work so that they commit with its audit record. Implemented over the Distribution outbox.
/// </summary>
public interface ITaskMail
{
    /// <summary>Queues one email to <paramref name="to"/>; a user without an address gets none (returns false).</summary>
    /// <param name="work">The unit of work.</param>
    /// <param name="category">The outbox category, e.g. <c>task-reminder</c>.</param>
    /// <param name="to">The recipient.</param>
    /// <param name="subject">Subject line.</param>
    /// <param name="body">Plain-text body.</param>
    /// <param name="dedupKey">De-duplication key: a second message with the same key is not written (a timer fired twice).</param>
    /// <param name="planId">The plan it concerns.</param>
    bool Queue(UnitOfWork work, string category, WorkflowUserInfo to, string subject, string body, string dedupKey, Guid planId);
}
