namespace Workflows.Engine;

/// <summary>A user account as <see cref="IWorkflowUsers"/> gives it.</summary>
/// <param name="UserName">Login name.</param>
/// <param name="FullName">Full name.</param>
/// <param name="Title">Job title, e.g. "PHÓ GIÁM ĐỐC"; null when none.</param>
/// <param name="BodyCode">The issuing body the person works for.</param>
/// <param name="Email">Email address; null when none is recorded.</param>
public sealed record WorkflowUserInfo(string UserName, string FullName, string? Title, string BodyCode, string? Email);
