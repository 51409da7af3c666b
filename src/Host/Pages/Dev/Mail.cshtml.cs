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
    /// <summary>Messages and files per page.</summary>
    public const int PageSize = 100;

    public IReadOnlyList<DeliveryStore.Delivery> Deliveries { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "tinh-trang")] public string? TinhTrang { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "trang-tep")] public int TrangTep { get; set; } = 1;

    /// <summary>Messages matching the search (all pages).</summary>
    public int Total { get; private set; }

    /// <summary>Messages of the body by delivery status (the words applied).</summary>
    public IReadOnlyDictionary<string, int> ByStatus { get; private set; } = new Dictionary<string, int>();

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The body's <c>.eml</c> files in the folder (all pages).</summary>
    public int FileCount { get; private set; }

    public int FilePages => Math.Max(1, (FileCount + PageSize - 1) / PageSize);

    /// <summary>The link to this page with the same search, at message page <paramref name="page"/> and file page <paramref name="filePage"/>.</summary>
    public string Link(int page, int filePage) => "/dev/mail" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["tinh-trang"] = TinhTrang,
        ["trang"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["trang-tep"] = filePage == 1 ? null : filePage.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
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
        (Deliveries, Total, Trang, ByStatus) = await deliveries.SearchAsync(body, Q, TinhTrang, Trang, PageSize, ct);
        if (transport is PickupFolderMailTransport pickup)
        {
            PickupDirectory = pickup.Directory;
            var files = Directory.Exists(pickup.Directory)
                ? new DirectoryInfo(pickup.Directory).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList()
                : [];
            // Every file is read for its Message-ID (a header block each) to keep only this body's, then one page is shown.
            var ids = new Dictionary<FileInfo, string>();
            foreach (var file in files)
                if (DevMailAccess.MessageIdOf(await ReadHeadAsync(file, ct)) is { } id) ids[file] = id;
            var ours = await deliveries.OfBodyAsync(body, ids.Values.Distinct().ToList(), ct);
            var mine = files.Where(f => ids.TryGetValue(f, out var id) && ours.Contains(id)).ToList();
            FileCount = mine.Count;
            TrangTep = Math.Clamp(TrangTep, 1, FilePages);
            Files = mine.Skip((TrangTep - 1) * PageSize).Take(PageSize).ToList();
            if (xem is not null && Files.All(f => f.Name != xem) && mine.FirstOrDefault(f => f.Name == xem) is { } elsewhere) Files = [.. Files, elsewhere];
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
