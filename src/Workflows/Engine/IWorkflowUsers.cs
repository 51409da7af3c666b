namespace Workflows.Engine;

/// <summary>
/// The user accounts as the engine sees them (implemented by the Host over ASP.NET Core Identity): to offer and check the
/// people of a role ("chuyển xử lý", reassignment) and to address a task's holder (reminders, escalations, new-task email).
/// </summary>
public interface IWorkflowUsers
{
    /// <summary>The active (not locked-out) users of <paramref name="bodyCode"/> holding <paramref name="role"/>, by full name.</summary>
    Task<IReadOnlyList<WorkflowUserInfo>> InRoleAsync(string bodyCode, string role, CancellationToken cancellationToken);

    /// <summary>The user named <paramref name="userName"/>, or null when there is none.</summary>
    Task<WorkflowUserInfo?> FindAsync(string userName, CancellationToken cancellationToken);
}
