namespace Workflows.Distribution.Mail;

/// <summary>
/// DKIM settings under <c>Workflows:Distribution:Smtp:Dkim</c> (RFC 6376, rsa-sha256, relaxed/relaxed). Publish the public
/// key as a TXT record at <c>{Selector}._domainkey.{Domain}</c>: <c>v=DKIM1; k=rsa; p=&lt;base64 SubjectPublicKeyInfo&gt;</c>.
/// </summary>
public sealed class DkimOptions
{
    /// <summary>Signing domain (<c>d=</c>), the domain of the From address or a parent of it, e.g. <c>uongbi.edu.vn</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>Selector (<c>s=</c>), e.g. <c>workflows2026</c>.</summary>
    public string? Selector { get; set; }

    /// <summary>PEM file of the RSA private key (<c>RSA PRIVATE KEY</c> or <c>PRIVATE KEY</c>), 2048 bits or more.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>True when <see cref="Domain"/>, <see cref="Selector"/> and <see cref="PrivateKeyFile"/> are all set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector) && !string.IsNullOrWhiteSpace(PrivateKeyFile);
}
