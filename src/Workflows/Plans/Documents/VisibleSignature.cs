namespace Workflows.Plans.Documents;

/// <summary>
/// The visible block of a digital signature on the page (Nghị định 30/2020, Phụ lục I, mục II.9–10 for electronic
/// documents: who signed — the person, or the body in place of its seal — and the time of signing, ISO 8601 in
/// Vietnam time).
/// </summary>
/// <param name="Lines">The block's lines, top to bottom.</param>
/// <param name="Seal">True for the body's signature (drawn in red, as the seal), false for the person's (blue).</param>
public sealed record VisibleSignature(IReadOnlyList<string> Lines, bool Seal);
