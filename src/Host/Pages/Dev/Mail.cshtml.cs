using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflows.Distribution;
using Workflows.Distribution.Mail;
using Workflows.Host.Identity;
using Workflows.Host.Security;
using Workflows.Host.Ui;

namespace Workflows.Host.Pages.Dev;

/// <summary>
/// <c>/dev/mail</c>: what the recipients would receive — the outbox and the pickup folder's <c>.eml</c> files. Admins
/// only, only their body's messages, submission links masked; outside Development only when enabled
/// (<see cref="DevMailAccess"/>), else 404.
/// </summary>
[Authorize(Policy = UiExtensions.AdminPolicy)]
internal sealed class MailModel(DeliveryStore deliveries, IMailTransport transport, DevMailAccess access) : UiPage
{
    public IReadOnlyList<DeliveryStore.Delivery> Deliveries { get; private set; } = [];
    public string? PickupDirectory { get; private set; }
    public IReadOnlyList<FileInfo> Files { get; private set; } = [];

    /// <summary>True when each file name links to the raw <c>.eml</c> (Development only: it carries the links whole).</summary>
    public bool RawFiles => access.RawFilesEnabled;

    /// <summary>The <c>.eml</c> file chosen with <c>?xem=</c>, decoded (subject, addresses, text), or null.</summary>
    public (string Name, EmlPreview Mail)? Shown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? xem, CancellationToken ct)
    {
        if (!access.PageEnabled) return NotFound();
        var body = User.ToActor().BodyCode;
        Deliveries = await deliveries.RecentAsync(body, 500, ct);
        if (transport is PickupFolderMailTransport pickup)
        {
            PickupDirectory = pickup.Directory;
            var files = Directory.Exists(pickup.Directory)
                ? new DirectoryInfo(pickup.Directory).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(500).ToList()
                : [];
            var ids = new Dictionary<FileInfo, string>();
            foreach (var file in files)
                if (DevMailAccess.MessageIdOf(await ReadHeadAsync(file, ct)) is { } id) ids[file] = id;
            var ours = await deliveries.OfBodyAsync(body, ids.Values.Distinct().ToList(), ct);
            Files = files.Where(f => ids.TryGetValue(f, out var id) && ours.Contains(id)).ToList();
            // Only a plain file name of the folder (no path), ending in .eml, of this body.
            if (xem is not null && Files.FirstOrDefault(f => f.Name == xem) is { } chosen)
            {
                var mail = await EmlPreview.ReadAsync(chosen.FullName, ct);
                Shown = (xem, mail with { Body = SubmissionLinkMask.Mask(mail.Body) });
            }
        }
        return Page();
    }

    /// <summary>The start of a file, enough for its header block.</summary>
    private static async Task<string> ReadHeadAsync(FileInfo file, CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        var buffer = new byte[16 * 1024];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
