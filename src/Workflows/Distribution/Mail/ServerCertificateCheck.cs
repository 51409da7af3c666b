using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Workflows.Distribution.Mail;

/// <summary>
/// Decides whether the SMTP server's certificate is trusted, for one client only (never the process-wide store):
/// with <see cref="SmtpOptions.TrustedCaFile"/>, the chain must end at one of its CAs (custom root trust, no revocation
/// check); without it, the machine's validation must have found no error. The host name must always match, and with
/// <see cref="SmtpOptions.CertificatePins"/> a certificate of the chain must carry a pinned public key.
/// </summary>
public sealed class ServerCertificateCheck
{
    private readonly X509Certificate2Collection? _roots;
    private readonly HashSet<string> _pins;

    /// <summary>Reads the CA file of <paramref name="options"/>, when set.</summary>
    /// <exception cref="InvalidOperationException">The CA file holds no certificate.</exception>
    public ServerCertificateCheck(SmtpOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.TrustedCaFile))
        {
            _roots = [];
            _roots.ImportFromPemFile(options.TrustedCaFile);
            if (_roots.Count == 0)
                throw new InvalidOperationException($"Workflows:Distribution:Smtp:TrustedCaFile '{options.TrustedCaFile}' holds no PEM certificate.");
        }
        _pins = options.CertificatePins.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when the private CA file is used (revocation is then not checked).</summary>
    public bool UsesPrivateCa => _roots is not null;

    /// <summary>The <c>RemoteCertificateValidationCallback</c> of the MailKit client.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        IReadOnlyList<X509Certificate2> path;
        if (_roots is null)
        {
            if (errors != SslPolicyErrors.None) return false;
            path = chain?.ChainElements.Select(e => e.Certificate).ToList() ?? [leaf];
            return Pinned(path);
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (!custom.Build(leaf)) return false;
        path = custom.ChainElements.Select(e => e.Certificate).ToList();
        return Pinned(path);
    }

    /// <summary>The pin of <paramref name="certificate"/>: base64 SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string Pin(X509Certificate2 certificate) =>
        Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    private bool Pinned(IReadOnlyList<X509Certificate2> path) => _pins.Count == 0 || path.Any(c => _pins.Contains(Pin(c)));
}
