namespace Workflows.Host.Identity;

/// <summary>Claims added to the sign-in cookie beside Identity's own.</summary>
internal static class WorkflowClaimTypes
{
    public const string FullName = "wf:full_name";
    public const string Title = "wf:title";
    public const string Body = "wf:body";
}
