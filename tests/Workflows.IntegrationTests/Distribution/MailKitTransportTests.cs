using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Workflows.Distribution.Mail;

namespace Workflows.IntegrationTests.Distribution;

/// <summary>
/// The MailKit transport against a real SMTP server (aiosmtpd): pooled connections reused, replies classified, TLS with
/// a CA the test makes, the MIME message a reader gets, and DKIM checked by dkimpy.
/// </summary>
public sealed class MailKitTransportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mailkit-{Guid.NewGuid():N}");

    public MailKitTransportTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static SmtpOptions Options(int port, int connections = 1) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        From = "\"Phòng GDĐT Uông Bí\" <vanthu@pgddt.uongbi.example.org>",
        Connections = connections,
        TimeoutSeconds = 10,
    };

    private static OutgoingMail Mail(string to, string? name = null) =>
        new($"<{Guid.NewGuid():N}@workflows.local>", to, name ?? "Trường Tiểu học Quang Trung", "[05/KH-PGDĐT] Kế hoạch thử gửi thư", "Kính gửi: Trường\n\nNội dung thử.\n");

    [Fact]
    public async Task Messages_travel_over_one_reused_connection_and_a_refused_or_deferred_recipient_fails_only_its_own_message()
    {
        using var smtp = new TestSmtpServer().Start();
        smtp.Control(temporary: new Dictionary<string, int> { ["sau@uongbi.example.org"] = 1 }, permanent: ["khong-co@uongbi.example.org"]);
        await using var transport = new SmtpMailTransport(Options(smtp.Port));

        for (var i = 0; i < 10; i++) await transport.SendAsync(Mail($"truong{i}@uongbi.example.org"), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MailTransportException>(() => transport.SendAsync(Mail("khong-co@uongbi.example.org"), CancellationToken.None));
        Assert.Equal(MailFailure.Permanent, refused.Failure);
        Assert.StartsWith("550", refused.Message);
        var deferred = await Assert.ThrowsAsync<MailTransportException>(() => transport.SendAsync(Mail("sau@uongbi.example.org"), CancellationToken.None));
        Assert.Equal(MailFailure.Temporary, deferred.Failure);
        Assert.StartsWith("451", deferred.Message);
        for (var i = 10; i < 20; i++) await transport.SendAsync(Mail($"truong{i}@uongbi.example.org"), CancellationToken.None);
        await transport.SendAsync(Mail("sau@uongbi.example.org"), CancellationToken.None);

        Assert.Equal(1, transport.ConnectionsOpened);
        Assert.Equal(1, transport.OpenConnections);
        var received = smtp.Messages().SelectMany(m => m.To).ToList();
        Assert.Equal(21, received.Count);
        Assert.DoesNotContain("khong-co@uongbi.example.org", received);
    }

    [Fact]
    public async Task Parallel_senders_share_at_most_the_configured_number_of_connections()
    {
        using var smtp = new TestSmtpServer().Start();
        await using var transport = new SmtpMailTransport(Options(smtp.Port, connections: 3));
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => transport.SendAsync(Mail($"song-song{i}@uongbi.example.org"), CancellationToken.None))));
        Assert.Equal(60, smtp.Messages().Count);
        Assert.InRange(transport.ConnectionsOpened, 1, 3);
    }

    [Fact]
    public async Task A_connection_the_server_dropped_while_idle_is_replaced_and_idle_connections_are_closed()
    {
        using var smtp = new TestSmtpServer().Start();
        var options = Options(smtp.Port);
        options.NoopAfterSeconds = 0;
        options.IdleSeconds = 1;
        await using var transport = new SmtpMailTransport(options);
        await transport.SendAsync(Mail("truoc@uongbi.example.org"), CancellationToken.None);
        smtp.Stop();
        smtp.Start();
        await transport.SendAsync(Mail("sau@uongbi.example.org"), CancellationToken.None);
        Assert.Equal(2, transport.ConnectionsOpened);
        Assert.Equal(["sau@uongbi.example.org", "truoc@uongbi.example.org"], smtp.Messages().SelectMany(m => m.To).Order());

        var until = DateTime.UtcNow.AddSeconds(10);
        while (transport.OpenConnections > 0 && DateTime.UtcNow < until) await Task.Delay(100);
        Assert.Equal(0, transport.OpenConnections);
    }

    [Fact]
    public async Task With_the_server_down_a_message_fails_temporarily_naming_the_server()
    {
        var port = TestSmtpServer.FreePort();
        await using var transport = new SmtpMailTransport(Options(port));
        var e = await Assert.ThrowsAsync<MailTransportException>(() => transport.SendAsync(Mail("a@uongbi.example.org"), CancellationToken.None));
        Assert.Equal(MailFailure.Temporary, e.Failure);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Theory]
    [InlineData("starttls", false)]
    [InlineData("ssl-on-connect", true)]
    public async Task TLS_succeeds_with_the_configured_private_CA_and_is_refused_without_it(string security, bool implicitTls)
    {
        var certificates = TestCertificates.Create(_folder);
        using var smtp = new TestSmtpServer { Tls = (certificates.CertificateFile, certificates.KeyFile), ImplicitTls = implicitTls }.Start();
        var options = Options(smtp.Port);
        options.Host = "localhost";
        options.Security = security;

        await using (var untrusting = new SmtpMailTransport(options))
        {
            var refused = await Assert.ThrowsAsync<MailTransportException>(() => untrusting.SendAsync(Mail("khong-tin@uongbi.example.org"), CancellationToken.None));
            Assert.Equal(MailFailure.Temporary, refused.Failure);
            Assert.Contains("certificate", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        var other = TestCertificates.Create(Path.Combine(_folder, "other"), "other-ca");
        options.TrustedCaFile = other.CaFile;
        await using (var wrongCa = new SmtpMailTransport(options))
            await Assert.ThrowsAsync<MailTransportException>(() => wrongCa.SendAsync(Mail("ca-khac@uongbi.example.org"), CancellationToken.None));
        Assert.Empty(smtp.Messages());

        options.TrustedCaFile = certificates.CaFile;
        await using (var trusting = new SmtpMailTransport(options))
            await trusting.SendAsync(Mail("tin@uongbi.example.org"), CancellationToken.None);
        Assert.Equal(["tin@uongbi.example.org"], smtp.Messages().SelectMany(m => m.To));
    }

    [Fact]
    public async Task A_pinned_key_is_required_when_pins_are_set()
    {
        var certificates = TestCertificates.Create(_folder);
        using var smtp = new TestSmtpServer { Tls = (certificates.CertificateFile, certificates.KeyFile) }.Start();
        var options = Options(smtp.Port);
        options.Host = "localhost";
        options.Security = "starttls";
        options.TrustedCaFile = certificates.CaFile;
        options.CertificatePins = [Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("another key")))];
        await using (var wrongPin = new SmtpMailTransport(options))
            await Assert.ThrowsAsync<MailTransportException>(() => wrongPin.SendAsync(Mail("ghim-sai@uongbi.example.org"), CancellationToken.None));
        Assert.Empty(smtp.Messages());

        options.CertificatePins = [certificates.ServerPin];
        await using (var pinned = new SmtpMailTransport(options))
            await pinned.SendAsync(Mail("ghim-dung@uongbi.example.org"), CancellationToken.None);
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task The_message_a_reader_gets_has_text_and_HTML_with_the_link_as_a_button_an_attachment_named_in_Vietnamese_and_the_automatic_headers()
    {
        using var smtp = new TestSmtpServer().Start();
        await using var transport = new SmtpMailTransport(Options(smtp.Port));
        const string link = "https://baocao.example.vn/nop-bao-cao/abcDEF123_-xyz";
        const string fileName = "Kế hoạch số 95-KH-PGDĐT năm học 2022–2023.pdf";
        var mail = new OutgoingMail("<mot-thu-on-dinh@workflows.local>", "truong@uongbi.example.org", "Trường THCS Nguyễn Trãi",
            "Đề nghị gửi báo cáo: Sơ kết học kỳ I – Tháng 12/2026",
            $"Kính gửi: Trường THCS Nguyễn Trãi\n\n- Hạn gửi: trước 24 giờ 00 ngày 15/12/2026 (thứ Ba)\n\nNộp tại:\n{link}\n")
        {
            Attachments = [new MailAttachment(fileName, "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7 thử"))],
            ReplyTo = "vanthu@pgddt.uongbi.example.org",
        };
        await transport.SendAsync(mail, CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Assert.Single(smtp.RawFiles()));
        Assert.Matches(@"filename\*(0\*)?=utf-8''", raw); // RFC 2231, continued over several parameters when long
        Assert.Contains("name=\"=?utf-8?", raw);
        var message = MimeMessage.Load(Assert.Single(smtp.RawFiles()));
        Assert.Equal("mot-thu-on-dinh@workflows.local", message.MessageId);
        Assert.Equal("auto-generated", message.Headers[MailMessageBuilder.AutoSubmitted]);
        Assert.Equal("vanthu@pgddt.uongbi.example.org", Assert.Single(message.ReplyTo.Mailboxes).Address);
        Assert.Equal("Trường THCS Nguyễn Trãi", Assert.Single(message.To.Mailboxes).Name);
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains(link, message.TextBody);
        Assert.Contains($"<a href=\"{link}\"", message.HtmlBody);
        Assert.Contains("Mở trang nộp báo cáo", message.HtmlBody);
        Assert.Contains("name=\"viewport\"", message.HtmlBody);
        Assert.Equal(fileName, Assert.Single(message.Attachments.OfType<MimePart>()).FileName);
        // Python's email package, as a reader would, decodes the same name and the plain text.
        var received = Assert.Single(smtp.Messages());
        Assert.Equal([fileName], received.Attachments);
        Assert.Contains("Hạn gửi: trước 24 giờ 00 ngày 15/12/2026", received.Body);
    }

    [Fact]
    public async Task Every_message_is_DKIM_signed_relaxed_relaxed_and_dkimpy_verifies_it_with_the_published_key()
    {
        using var key = RSA.Create(2048);
        var keyFile = Path.Combine(_folder, "dkim.key");
        await File.WriteAllTextAsync(keyFile, key.ExportRSAPrivateKeyPem());
        var record = Path.Combine(_folder, "dkim.txt");
        await File.WriteAllTextAsync(record, "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));

        using var smtp = new TestSmtpServer().Start();
        var options = Options(smtp.Port);
        options.Dkim = new DkimOptions { Domain = "pgddt.uongbi.example.org", Selector = "workflows2026", PrivateKeyFile = keyFile };
        await using var transport = new SmtpMailTransport(options);
        await transport.SendAsync(Mail("truong@uongbi.example.org") with
        {
            Attachments = [new MailAttachment("Kế hoạch.txt", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("Nội dung kế hoạch\n"))],
            ReplyTo = "vanthu@pgddt.uongbi.example.org",
        }, CancellationToken.None);

        var file = Assert.Single(smtp.RawFiles());
        var signature = MimeMessage.Load(file).Headers[HeaderId.DkimSignature];
        Assert.Contains("c=relaxed/relaxed", signature);
        Assert.Contains("d=pgddt.uongbi.example.org", signature);
        Assert.Contains("s=workflows2026", signature);
        var (ok, output) = Verify(file, record);
        Assert.True(ok, output);
        Assert.Contains("workflows2026._domainkey.pgddt.uongbi.example.org", output);

        // The same check refuses a message changed on the way.
        var tampered = Path.Combine(_folder, "tampered.eml");
        var bytes = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(tampered, bytes.Replace("Nội dung thử.", "Nội dung đã sửa.", StringComparison.Ordinal).Replace("N=E1=BB=99i dung th=E1=BB=AD.", "Noi dung da sua.", StringComparison.Ordinal));
        Assert.NotEqual(bytes, await File.ReadAllTextAsync(tampered));
        Assert.False(Verify(tampered, record).Ok);
    }

    private static (bool Ok, string Output) Verify(string file, string record)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Distribution", "verify_dkim.py"), file, "workflows2026._domainkey.pgddt.uongbi.example.org", record })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0 && output.StartsWith("PASS", StringComparison.Ordinal), output);
    }
}
