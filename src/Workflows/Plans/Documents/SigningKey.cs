using System.Security.Cryptography.X509Certificates;

namespace Workflows.Plans.Documents;

/// <summary>
/// A key to sign with: the certificate (with the chain to its CA) and private key as a PKCS#12 file under
/// <see cref="Password"/>, decrypted from <c>signing_keys</c> for the one signing that needs it.
/// </summary>
/// <param name="Id">The row in <c>signing_keys</c>.</param>
/// <param name="Kind"><c>signer</c> (a person who signs) or <c>body</c> (the issuing body, in place of its seal).</param>
/// <param name="Owner">The signer's user name or the body's code.</param>
/// <param name="Pkcs12">The PKCS#12 file.</param>
/// <param name="Password">Its password.</param>
/// <param name="Certificate">The signing certificate (public part).</param>
public sealed record SigningKey(Guid Id, string Kind, string Owner, byte[] Pkcs12, string Password, X509Certificate2 Certificate);
