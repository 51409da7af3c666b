using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Distribution.Mail;
using Workflows.Plans;

namespace Workflows.Distribution;

/// <summary>Registers distribution: directory, Nơi nhận resolution, the release participant, the outbox and its sender.</summary>
public static class DistributionServiceCollectionExtensions
{
    /// <summary>
    /// Adds distribution. <paramref name="defaultPickupDirectory"/> is used by the pickup transport when
    /// <see cref="DistributionOptions.PickupDirectory"/> is not set. Bind <see cref="DistributionOptions"/> separately.
    /// </summary>
    public static IServiceCollection AddWorkflowsDistribution(this IServiceCollection services, string defaultPickupDirectory)
    {
        services.AddOptions<DistributionOptions>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<PlanRecipients>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<ReleaseRecipients>();
        services.AddOptions<Receipts.ReceiptOptions>();
        services.AddSingleton<Receipts.ReleaseReceipts>();
        services.AddSingleton<IReleaseParticipant, DistributionReleaseParticipant>();
        services.TryAddSingleton<IMailTransport>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DistributionOptions>>().Value;
            var kind = o.Transport ?? (string.IsNullOrWhiteSpace(o.Smtp.Host) ? "Pickup" : "Smtp");
            return kind.ToLowerInvariant() switch
            {
                "smtp" => new SmtpMailTransport(o.Smtp, sp.GetService<TimeProvider>(), sp.GetService<ILogger<SmtpMailTransport>>()),
                "pickup" => new PickupFolderMailTransport(o.PickupDirectory ?? defaultPickupDirectory, o.Smtp.From, sp.GetService<TimeProvider>()),
                _ => throw new InvalidOperationException($"Workflows:Distribution:Transport '{kind}' is not Smtp or Pickup."),
            };
        });
        services.AddSingleton<OutboxSender>();
        return services;
    }
}
