namespace Workflows.Notifications;

/// <summary>Where the links of the notification emails point (set by the Host from <c>Workflows:Reporting:PublicBaseUrl</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The Host's public address, e.g. <c>https://vanban.uongbi.edu.vn</c>; a task's link is <c>{PublicBaseUrl}/ke-hoach/{planId}</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The link to plan <paramref name="planId"/>'s page.</summary>
    public string PlanLink(Guid planId) => $"{PublicBaseUrl.TrimEnd('/')}/ke-hoach/{planId}";
}
