namespace Workflows.Reporting.Status;

/// <summary>A school whose request email failed or was refused, and nothing submitted.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="SchoolName">The school's name.</param>
/// <param name="Address">The address the email went to.</param>
/// <param name="LastError">The mail server's last answer, or null.</param>
public sealed record FailedRequest(Guid RequestId, string SchoolName, string Address, string? LastError);
