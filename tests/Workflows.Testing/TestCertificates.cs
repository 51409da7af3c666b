using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Workflows.Testing;

/// <summary>
/// A private certificate authority made for one test (.NET <see cref="CertificateRequest"/>), and a server certificate
/// for <c>localhost</c>/127.0.0.1 it signs, written as PEM files into a folder.
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string caFile, string certificateFile, string keyFile, string serverPin)
    {
        CaFile = caFile;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
        ServerPin = serverPin;
    }

    /// <summary>The CA certificate (PEM).</summary>
    public string CaFile { get; }

    /// <summary>The server certificate (PEM).</summary>
    public string CertificateFile { get; }

    /// <summary>The server's private key (PEM, PKCS#8).</summary>
    public string KeyFile { get; }

    /// <summary>Base64 SHA-256 of the server certificate's SubjectPublicKeyInfo.</summary>
    public string ServerPin { get; }

    public static TestCertificates Create(string folder, string name = "ca")
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN=Workflows test CA {name}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var server = request.Create(ca, now.AddDays(-1), now.AddDays(29), serial);

        var caFile = Path.Combine(folder, name + ".pem");
        var certificateFile = Path.Combine(folder, name + "-server.pem");
        var keyFile = Path.Combine(folder, name + "-server.key");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        File.WriteAllText(certificateFile, server.ExportCertificatePem());
        File.WriteAllText(keyFile, serverKey.ExportPkcs8PrivateKeyPem());
        var pin = Convert.ToBase64String(SHA256.HashData(server.PublicKey.ExportSubjectPublicKeyInfo()));
        return new TestCertificates(caFile, certificateFile, keyFile, pin);
    }
}
