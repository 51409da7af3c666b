using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>
/// STARTTLS through the Host against aiosmtpd: an untrusted self-signed certificate is refused, never ignored; a server
/// certificate of a private CA named by <c>Smtp:TrustedCaFile</c> is trusted by this client alone.
/// </summary>
public sealed class StartTlsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tls-{Guid.NewGuid():N}");

    public StartTlsTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task StartTls_to_a_server_with_an_untrusted_self_signed_certificate_sends_nothing_and_shows_the_certificate_error()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certFile = Path.Combine(_folder, "server.pem");
        var keyFile = Path.Combine(_folder, "server.key");
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());

        using var smtp = new TestSmtpServer { Tls = (certFile, keyFile) }.Start();
        var settings = Settings(smtp.Port);
        settings["Workflows:Distribution:Smtp:Security"] = "StartTls";
        settings["Workflows:Distribution:Smtp:Host"] = "localhost";
        await using var app = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(app);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử STARTTLS", "Sở GDĐT Quảng Ninh");
        await flow.ReleaseAsync(planId);

        var until = DateTime.UtcNow.AddSeconds(30);
        System.Text.Json.JsonElement delivery;
        do
        {
            await Task.Delay(200);
            delivery = Assert.Single(await DeliveriesAsync(flow, planId));
        }
        while (delivery.GetProperty("status").GetString() is "queued" or "sending" && DateTime.UtcNow < until);
        Assert.Equal("retrying", delivery.GetProperty("status").GetString());
        Assert.Contains("certificate", delivery.GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task StartTls_through_the_Host_delivers_when_the_servers_private_CA_is_the_configured_trusted_CA()
    {
        var certificates = TestCertificates.Create(_folder);
        using var smtp = new TestSmtpServer { Tls = (certificates.CertificateFile, certificates.KeyFile) }.Start();
        var settings = Settings(smtp.Port);
        settings["Workflows:Distribution:Smtp:Security"] = "starttls";
        settings["Workflows:Distribution:Smtp:Host"] = "localhost";
        settings["Workflows:Distribution:Smtp:TrustedCaFile"] = certificates.CaFile;
        await using var app = new WorkflowsApp(settings: settings);
        var flow = await PlanFlow.StartAsync(app);
        var planId = await CreateWithRecipientsAsync(flow, "Kế hoạch thử STARTTLS với CA riêng", "Sở GDĐT Quảng Ninh");
        await flow.ReleaseAsync(planId);

        var delivery = Assert.Single(await SettledAsync(flow, planId));
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal(delivery.GetProperty("messageId").GetString(), Assert.Single(smtp.Messages()).MessageId);
    }
}
