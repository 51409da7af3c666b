namespace Workflows.Plans.Documents;

/// <summary>
/// Where the issued PDF leaves its blanks, found when it is laid out or converted: the number line
/// (<c>Số: …/KH-PGDĐT</c>) and the place and date line (<c>…, ngày … tháng … năm …</c>), which numbering covers and
/// prints anew, and the signer block, where the visible blocks of the signatures go (Nghị định 30/2020, Phụ lục I).
/// </summary>
/// <param name="NumberLine">The number line.</param>
/// <param name="DateLine">The place and date line.</param>
/// <param name="SignerBlock">The space of the signature in the signer block.</param>
/// <param name="FontSize">Size in points of the text stamped into the lines.</param>
public sealed record StampGeometry(PdfBox NumberLine, PdfBox DateLine, PdfBox SignerBlock, double FontSize);
