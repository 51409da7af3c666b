using Workflows.Distribution;
using Workflows.Distribution.Mail;
using Workflows.Host.Ui;

namespace Workflows.Host.Pages.Dev;

/// <summary><c>/dev/mail</c>: what the recipients would receive — the outbox and the pickup folder's <c>.eml</c> files (embedded default).</summary>
internal sealed class MailModel(DeliveryStore deliveries, IMailTransport transport) : UiPage
{
    public IReadOnlyList<DeliveryStore.Delivery> Deliveries { get; private set; } = [];
    public string? PickupDirectory { get; private set; }
    public IReadOnlyList<FileInfo> Files { get; private set; } = [];

    /// <summary>The <c>.eml</c> file chosen with <c>?xem=</c>, decoded (subject, addresses, text), or null.</summary>
    public (string Name, EmlPreview Mail)? Shown { get; private set; }

    public async Task OnGetAsync(string? xem, CancellationToken ct)
    {
        Deliveries = await deliveries.RecentAsync(500, ct);
        if (transport is PickupFolderMailTransport pickup)
        {
            PickupDirectory = pickup.Directory;
            if (Directory.Exists(pickup.Directory))
                Files = new DirectoryInfo(pickup.Directory).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(500).ToList();
            // Only a plain file name of the folder (no path), ending in .eml.
            if (xem is not null && xem == Path.GetFileName(xem) && xem.EndsWith(".eml", StringComparison.Ordinal)
                && Path.Combine(pickup.Directory, xem) is var path && System.IO.File.Exists(path))
                Shown = (xem, await EmlPreview.ReadAsync(path, ct));
        }
    }
}
