namespace Workflows.Issuance;

/// <summary>One line of the outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020, Phụ lục IV).</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="Number">Issuance number (from 1 each year).</param>
/// <param name="Symbol">Number and symbol, e.g. "05/KH-PGDĐT".</param>
/// <param name="IssuedOn">Date of issue (Vietnam date).</param>
/// <param name="Subject">Trích yếu.</param>
/// <param name="SignerTitle">The signer's title line ("KT. TRƯỞNG PHÒNG").</param>
/// <param name="SignerName">The signer's name.</param>
/// <param name="Recipients">The recipients emailed, "; "-separated.</param>
/// <param name="Copies">Number of copies sent (one email each).</param>
/// <param name="Delivery">Delivery state in words, e.g. "Đã gửi 12/12, đã xác nhận 5".</param>
/// <param name="Status">The plan's status (<c>released</c>…).</param>
/// <param name="SignedPdf">Whether the issued PDF carries the body's signature.</param>
/// <param name="Acknowledged">Recipients that acknowledged receipt.</param>
/// <param name="Recall">The recall in words ("Đã thu hồi ngày dd/MM/yyyy: lý do", "Đã thay thế bởi 07/KH-PGDĐT ngày …: lý do"), or null.</param>
public sealed record RegisterEntry(Guid PlanId, int Number, string Symbol, DateOnly? IssuedOn, string Subject, string SignerTitle, string SignerName,
    string Recipients, int Copies, string Delivery, string Status, bool SignedPdf, int Acknowledged = 0, string? Recall = null);
