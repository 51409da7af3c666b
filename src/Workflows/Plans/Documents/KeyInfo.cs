namespace Workflows.Plans.Documents;

/// <summary>A stored signing certificate as the admin sees it (no private part).</summary>
/// <param name="Id">Row id.</param>
/// <param name="Kind"><c>signer</c> or <c>body</c>.</param>
/// <param name="Owner">User name or body code.</param>
/// <param name="Subject">The certificate's subject (CN, O, C).</param>
/// <param name="Thumbprint">SHA-1 thumbprint, hex.</param>
/// <param name="NotBefore">Valid from (UTC).</param>
/// <param name="NotAfter">Valid until (UTC).</param>
/// <param name="Imported">True when imported, false when issued by the installation's CA.</param>
/// <param name="Active">Whether it is the one used to sign.</param>
/// <param name="CreatedAt">When stored (UTC).</param>
/// <param name="CreatedBy">Who stored it.</param>
public sealed record KeyInfo(Guid Id, string Kind, string Owner, string Subject, string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    bool Imported, bool Active, DateTimeOffset CreatedAt, string CreatedBy);
