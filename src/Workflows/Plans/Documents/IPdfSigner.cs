namespace Workflows.Plans.Documents;

/// <summary>
/// Applies a digital signature to a PDF as an incremental update (ISO 32000-1, 7.5.6), so the signatures made before
/// stay valid (Nghị định 30/2020, Điều 18 and Phụ lục VI: the signer's, then the body's in place of its seal). The one
/// seam for the signing tool: the default is Poppler's <c>pdfsig</c> with the key in a throw-away NSS database
/// (<see cref="PopplerPdfSigner"/>). A hardware token (USB token of a VGCA certificate, PKCS#11) or a remote signing
/// service is another implementation of this interface — registered in place of the default, given the same
/// <see cref="SigningKey"/> row with an empty <see cref="SigningKey.Pkcs12"/> and the token's or service's reference as
/// its owner — and is not built yet.
/// </summary>
public interface IPdfSigner
{
    /// <summary>The PDF with one more signature by <paramref name="key"/>, added after the last byte of <paramref name="pdf"/>.</summary>
    /// <param name="pdf">The PDF as it is (possibly signed already).</param>
    /// <param name="key">Whose signature.</param>
    /// <param name="reason">The reason recorded in the signature (e.g. "Ký ban hành").</param>
    /// <param name="cancellationToken">Stops the tool.</param>
    /// <exception cref="InvalidOperationException">The tool failed (the message says how).</exception>
    Task<byte[]> SignAsync(byte[] pdf, SigningKey key, string reason, CancellationToken cancellationToken);
}
