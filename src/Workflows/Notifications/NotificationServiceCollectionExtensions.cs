using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Notifications;

/// <summary>Registers the notifications: preferences, the new-task email, the morning digest, the late-submission notice.</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>Adds the notification services (their <see cref="NotificationOptions"/> are configured by the caller).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>();
        services.TryAddSingleton<NotificationPreferences>();
        services.TryAddSingleton<OverdueDigest>();
        services.TryAddSingleton<ReportingOwnerNotice>();
        services.AddSingleton<Engine.ITaskOpenedHandler, NewTaskMail>();
        return services;
    }
}
