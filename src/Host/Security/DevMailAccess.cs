namespace Workflows.Host.Security;

/// <summary>
/// Who may open <c>/dev/mail</c> (the outbox and the pickup folder's <c>.eml</c> files): it exists in Development, and
/// in any other environment only when <see cref="EnabledSetting"/> is true; it needs the Admin role and shows only the
/// messages of the admin's own body, with submission links masked (<see cref="SubmissionLinkMask"/>). The raw
/// <c>.eml</c> download, which would carry the links whole, exists only in Development.
/// </summary>
internal sealed class DevMailAccess(IHostEnvironment environment, IConfiguration configuration)
{
    /// <summary>The setting that turns the page on outside Development.</summary>
    public const string EnabledSetting = "Workflows:DevMail:Enabled";

    /// <summary>True when the page answers (else 404).</summary>
    public bool PageEnabled => environment.IsDevelopment() || configuration.GetValue<bool>(EnabledSetting);

    /// <summary>True when <c>/dev/mail/{file}</c> serves the raw file (Development only).</summary>
    public bool RawFilesEnabled => environment.IsDevelopment();

    /// <summary>
    /// The Message-ID header of a raw message (<c>&lt;…@workflows.local&gt;</c>), read from its header lines up to the
    /// first blank line, or null. Only the header block is scanned; the MIME parts are the preview's business.
    /// </summary>
    public static string? MessageIdOf(string raw)
    {
        foreach (var line in raw.Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Length == 0) return null;
            if (text.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase)) return text["Message-ID:".Length..].Trim();
        }
        return null;
    }
}
