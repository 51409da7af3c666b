using Npgsql;
using Microsoft.Extensions.Options;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Storage;

namespace Workflows.Plans.Documents;

/// <summary>
/// The admin's use cases on signing certificates (API <c>/api/admin/signing-keys</c>): list, issue from the
/// installation's CA, import a PKCS#12 file. Admin only; a signer or body of the admin's own body only; audited.
/// </summary>
public sealed class SigningKeyAdministration
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly IOptions<OrganisationOptions> _organisation;
    private readonly SigningKeys _keys;

    internal SigningKeyAdministration(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<OrganisationOptions> organisation, SigningKeys keys)
    {
        _dataSource = dataSource;
        _clock = clock;
        _organisation = organisation;
        _keys = keys;
    }

    /// <summary>Every certificate (no private parts), active first.</summary>
    /// <exception cref="WorkflowException">Not an admin (403).</exception>
    public async Task<IReadOnlyList<KeyInfo>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        Require(actor);
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        return await _keys.ListAsync(work, cancellationToken);
    }

    /// <summary>Issues a certificate from the installation's CA for signer <paramref name="owner"/> (user name) or for the admin's body.</summary>
    /// <param name="actor">The admin.</param>
    /// <param name="kind"><c>signer</c> or <c>body</c>.</param>
    /// <param name="owner">The signer's user name (ignored for <c>body</c>: the admin's body).</param>
    /// <param name="commonName">The certificate's CN: the signer's full name (for <c>body</c>, the body's name is used).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <exception cref="WorkflowException">Not an admin (403); bad kind or empty owner/name (422 naming the field).</exception>
    public async Task<KeyInfo> IssueAsync(Actor actor, string? kind, string? owner, string? commonName, CancellationToken cancellationToken)
    {
        Require(actor);
        var (k, o, name, organisation) = Target(actor, kind, owner, commonName);
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var info = await _keys.IssueAsync(work, k, o, name, organisation, actor.UserName, _clock.GetUtcNow(), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return info;
    }

    /// <summary>Imports a PKCS#12 file (.p12/.pfx) with its password as the active certificate of the signer or the body.</summary>
    /// <exception cref="WorkflowException">Not an admin (403); wrong password (422, field <c>password</c>); unreadable, keyless or
    /// expired file (422, field <c>file</c>); bad kind or owner (422).</exception>
    public async Task<KeyInfo> ImportAsync(Actor actor, string? kind, string? owner, byte[]? file, string? password, CancellationToken cancellationToken)
    {
        Require(actor);
        if (file is not { Length: > 0 }) throw WorkflowException.Invalid("file", "Cần gửi tệp khóa .p12/.pfx trong trường 'file'.");
        var (k, o, _, _) = Target(actor, kind, owner, "-");
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var info = await _keys.ImportAsync(work, k, o, file, password ?? "", actor.UserName, _clock.GetUtcNow(), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return info;
    }

    private (string Kind, string Owner, string Name, string Organisation) Target(Actor actor, string? kind, string? owner, string? commonName)
    {
        var body = _organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == actor.BodyCode);
        var bodyName = body?.Name ?? actor.BodyCode;
        switch (kind)
        {
            case SigningKeys.Body:
                return (SigningKeys.Body, actor.BodyCode, bodyName, bodyName);
            case SigningKeys.Signer:
                if (string.IsNullOrWhiteSpace(owner)) throw WorkflowException.Invalid("owner", "Cần tên đăng nhập của người ký.");
                if (string.IsNullOrWhiteSpace(commonName)) throw WorkflowException.Invalid("commonName", "Cần họ tên người ký (ghi trong chứng thư).");
                return (SigningKeys.Signer, owner.Trim(), commonName.Trim(), bodyName);
            default:
                throw WorkflowException.Invalid("kind", "Loại chứng thư phải là 'signer' (người ký) hoặc 'body' (cơ quan).");
        }
    }

    private static void Require(Actor actor)
    {
        if (!actor.IsIn(Roles.Admin)) throw WorkflowException.Forbidden("Chỉ quản trị quản lý chứng thư số.");
    }
}
