using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Plans.Documents;

/// <summary>
/// The certificates and keys that sign issued documents, one active per signer (<c>signer</c>, by user name) and per
/// issuing body (<c>body</c>, by code, the body's signature in place of its seal), plus the installation's own CA
/// (<c>ca</c>) that issues them for the embedded default. The only writer of <c>signing_keys</c>; each PKCS#12 file is
/// stored encrypted (<see cref="KeyProtector"/>). A real certificate (e.g. from the government CA, VGCA) is imported as
/// a PKCS#12 file; keys held in a hardware token are the <see cref="IPdfSigner"/> extension point.
/// </summary>
internal sealed class SigningKeys(KeyProtector protector, IOptions<DocumentOptions> options)
{
    /// <summary>Password of the PKCS#12 files as stored (they are encrypted as a whole besides).</summary>
    private const string StoredPassword = "workflows";

    /// <summary>Key kinds.</summary>
    public const string Signer = "signer", Body = "body", Authority = "ca";

    /// <summary>
    /// The active key of <paramref name="kind"/> <paramref name="owner"/>, issued by the installation's CA when there is
    /// none and <see cref="DocumentOptions.AutoIssueCertificates"/> holds.
    /// </summary>
    /// <param name="work">The signing's unit of work (a key issued here commits with it).</param>
    /// <param name="kind"><see cref="Signer"/> or <see cref="Body"/>.</param>
    /// <param name="owner">User name or body code.</param>
    /// <param name="commonName">The certificate's CN when one is issued (the person's or body's name).</param>
    /// <param name="organisation">The certificate's O when one is issued (the body's name).</param>
    /// <param name="now">The instant of signing (UTC).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="WorkflowException">No certificate and none may be issued (409), or the certificate has expired or
    /// is not yet valid (422, field <c>certificate</c>).</exception>
    public async Task<SigningKey> ActiveAsync(UnitOfWork work, string kind, string owner, string commonName, string organisation, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var key = await ReadAsync(work, kind, owner, cancellationToken);
        if (key is null)
        {
            if (!options.Value.AutoIssueCertificates)
                throw WorkflowException.Conflict(kind == Signer
                    ? $"Người ký {owner} chưa có chứng thư số; quản trị cấp hoặc nhập chứng thư (Quản trị → Chứng thư số) rồi ký lại."
                    : $"Cơ quan {owner} chưa có chứng thư số; quản trị cấp hoặc nhập chứng thư rồi phát hành lại.");
            await IssueAsync(work, kind, owner, commonName, organisation, "system", now, cancellationToken);
            key = await ReadAsync(work, kind, owner, cancellationToken) ?? throw new InvalidOperationException("The issued key was not stored.");
        }
        var certificate = key.Certificate;
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime)
            throw WorkflowException.Invalid("certificate",
                $"Chứng thư số của {(kind == Signer ? "người ký" : "cơ quan")} {owner} đã hết hạn ngày {VietnamTime.ToVietnamDate(certificate.NotAfter.ToUniversalTime()):dd/MM/yyyy}; " +
                "không ký được. Quản trị cấp hoặc nhập chứng thư mới rồi thực hiện lại.");
        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
            throw WorkflowException.Invalid("certificate", $"Chứng thư số của {owner} chưa đến ngày có hiệu lực.");
        return key;
    }

    /// <summary>
    /// Issues a new certificate for <paramref name="owner"/> from the installation's CA (created on first use) and makes it
    /// the active one (the previous one is kept, inactive).
    /// </summary>
    public async Task<KeyInfo> IssueAsync(UnitOfWork work, string kind, string owner, string commonName, string organisation, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var authority = await AuthorityAsync(work, now, cancellationToken);
        using var rsa = RSA.Create(2048);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddOrganizationName(organisation);
        name.AddCommonName(commonName);
        var request = new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var notAfter = now.AddDays(options.Value.CertificateValidityDays);
        if (notAfter > authority.NotAfter) notAfter = authority.NotAfter;
        using var issued = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(rsa);
        using var caPublic = X509CertificateLoader.LoadCertificate(authority.RawData);
        var pkcs12 = new X509Certificate2Collection { withKey, caPublic }.Export(X509ContentType.Pkcs12, StoredPassword)!;
        return await StoreAsync(work, kind, owner, withKey, pkcs12, imported: false, actor, now, cancellationToken);
    }

    /// <summary>Imports a PKCS#12 file (certificate with its private key) as the active key of <paramref name="owner"/>.</summary>
    /// <exception cref="WorkflowException">Wrong password or not a PKCS#12 file (422, field <c>password</c> or <c>file</c>), no
    /// private key, or expired (422, field <c>file</c>).</exception>
    public async Task<KeyInfo> ImportAsync(UnitOfWork work, string kind, string owner, byte[] file, string password, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(file, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e) when (e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) || e.HResult == unchecked((int)0x80070056))
        {
            throw WorkflowException.Invalid("password", "Mật khẩu của tệp khóa (.p12/.pfx) không đúng.");
        }
        catch (CryptographicException)
        {
            throw WorkflowException.Invalid("file", "Tệp không phải tệp khóa PKCS#12 (.p12/.pfx) đọc được, hoặc mật khẩu không đúng.");
        }
        var signing = collection.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw WorkflowException.Invalid("file", "Tệp khóa không chứa khóa bí mật của chứng thư.");
        if (signing.NotAfter.ToUniversalTime() < now.UtcDateTime)
            throw WorkflowException.Invalid("file", $"Chứng thư trong tệp đã hết hạn ngày {VietnamTime.ToVietnamDate(signing.NotAfter.ToUniversalTime()):dd/MM/yyyy}.");
        try
        {
            var pkcs12 = collection.Export(X509ContentType.Pkcs12, StoredPassword)!;
            return await StoreAsync(work, kind, owner, signing, pkcs12, imported: true, actor, now, cancellationToken);
        }
        finally
        {
            foreach (var c in collection) c.Dispose();
        }
    }

    /// <summary>Every key, active ones first, newest first (no private parts).</summary>
    public async Task<IReadOnlyList<KeyInfo>> ListAsync(UnitOfWork work, CancellationToken cancellationToken) =>
        (await work.QueryAsync<ListRow>(
            """
            SELECT id, kind, owner, subject, thumbprint, not_before, not_after, imported, active, created_at, created_by
            FROM signing_keys WHERE kind <> 'ca' ORDER BY active DESC, created_at DESC
            """, null, cancellationToken))
        .Select(r => new KeyInfo(r.Id, r.Kind, r.Owner, r.Subject, r.Thumbprint, r.NotBefore, r.NotAfter, r.Imported, r.Active, r.CreatedAt, r.CreatedBy))
        .ToList();

    private async Task<SigningKey?> ReadAsync(UnitOfWork work, string kind, string owner, CancellationToken cancellationToken)
    {
        var row = await work.QuerySingleOrDefaultAsync<KeyRow>(
            "SELECT id, sealed_pkcs12 AS sealedpkcs12 FROM signing_keys WHERE kind = @kind AND owner = @owner AND active",
            new { kind, owner }, cancellationToken);
        if (row is null) return null;
        var pkcs12 = protector.Unprotect(row.SealedPkcs12);
        var certificate = X509CertificateLoader.LoadPkcs12Collection(pkcs12, StoredPassword).First(c => c.HasPrivateKey);
        return new SigningKey(row.Id, kind, owner, pkcs12, StoredPassword, certificate);
    }

    /// <summary>The installation's CA (with its private key), created on first use: RSA 3072, 20 years.</summary>
    private async Task<X509Certificate2> AuthorityAsync(UnitOfWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(work, Authority, "installation", cancellationToken);
        if (existing is not null) return existing.Certificate;
        using var rsa = RSA.Create(3072);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddOrganizationName("Workflows");
        name.AddCommonName("Workflows – CA của hệ thống");
        var request = new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var authority = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        var pkcs12 = authority.Export(X509ContentType.Pkcs12, StoredPassword);
        await StoreAsync(work, Authority, "installation", authority, pkcs12, imported: false, "system", now, cancellationToken);
        return (await ReadAsync(work, Authority, "installation", cancellationToken))!.Certificate;
    }

    private async Task<KeyInfo> StoreAsync(UnitOfWork work, string kind, string owner, X509Certificate2 certificate, byte[] pkcs12, bool imported, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        // A key issued concurrently for the same owner by another transaction wins; this one is then not stored.
        await work.ExecuteAsync("UPDATE signing_keys SET active = false WHERE kind = @kind AND owner = @owner AND active AND @replace",
            new { kind, owner, replace = kind != Authority }, cancellationToken);
        await work.ExecuteAsync(
            """
            INSERT INTO signing_keys (id, kind, owner, subject, thumbprint, not_before, not_after, sealed_pkcs12, imported, active, created_at, created_by)
            VALUES (@id, @kind, @owner, @subject, @thumbprint, @notBefore, @notAfter, @sealed, @imported, true, @now, @actor)
            ON CONFLICT (kind, owner) WHERE active DO NOTHING
            """,
            new
            {
                id, kind, owner, subject = certificate.Subject, thumbprint = certificate.Thumbprint,
                notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
                @sealed = protector.Protect(pkcs12), imported, now, actor,
            }, cancellationToken);
        work.Audit(now, actor, imported ? "signing-key.imported" : "signing-key.issued", null, null, null,
            new { kind, owner, subject = certificate.Subject, thumbprint = certificate.Thumbprint, notAfter = certificate.NotAfter.ToUniversalTime() });
        return new KeyInfo(id, kind, owner, certificate.Subject, certificate.Thumbprint, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), imported, true, now, actor);
    }

    private sealed record KeyRow(Guid Id, byte[] SealedPkcs12);

    private sealed class ListRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Owner { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Thumbprint { get; init; } = "";
        public DateTimeOffset NotBefore { get; init; }
        public DateTimeOffset NotAfter { get; init; }
        public bool Imported { get; init; }
        public bool Active { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
    }
}
