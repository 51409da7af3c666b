using Workflows.Distribution;
using Workflows.Host.Ui;

namespace Workflows.Host.Pages.Dev;

/// <summary><c>/dev/mail</c>: what the recipients would receive — the outbox and the pickup folder's <c>.eml</c> files (embedded default).</summary>
internal sealed class MailModel(DeliveryStore deliveries, IMailTransport transport) : UiPage
{
    public IReadOnlyList<DeliveryStore.Delivery> Deliveries { get; private set; } = [];
    public string? PickupDirectory { get; private set; }
    public IReadOnlyList<FileInfo> Files { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Deliveries = await deliveries.RecentAsync(500, ct);
        if (transport is PickupFolderMailTransport pickup)
        {
            PickupDirectory = pickup.Directory;
            if (Directory.Exists(pickup.Directory))
                Files = new DirectoryInfo(pickup.Directory).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(500).ToList();
        }
    }
}
