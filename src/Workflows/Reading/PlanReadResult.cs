namespace Workflows.Reading;

/// <summary>A plan document read into structured data. Serialise with <see cref="PlanReaderJson.Options"/>:
/// the camelCase JSON field names are a contract.</summary>
/// <param name="DocumentType">Type abbreviation: KH, QĐ, TB, HD, CTr, BC, or CV for a công văn; null when unknown.</param>
/// <param name="DocumentTypeName">The type's name ("Kế hoạch"), or null.</param>
/// <param name="Number">The number (82), or null.</param>
/// <param name="Symbol">Number and symbol without stray spaces ("82/KH-PGDĐT"), or null.</param>
/// <param name="Issuer">The issuing body and its parent.</param>
/// <param name="Place">The place before the date ("Uông Bí"), or null.</param>
/// <param name="IssuedOn">The date, or null.</param>
/// <param name="Subject">The trích yếu, joined into one line, or null.</param>
/// <param name="Body">The body from Căn cứ… to the end of the last section, one paragraph per line
/// (separated by "\n"), footnotes and the work programme table taken out.</param>
/// <param name="Footnotes">The footnotes taken out of the body.</param>
/// <param name="Recipients">The Nơi nhận entries.</param>
/// <param name="Signer">The signature block, or null when none was found.</param>
/// <param name="ReportingDuties">The reporting obligations.</param>
/// <param name="WorkProgramme">The rows of the CHƯƠNG TRÌNH CÔNG TÁC table.</param>
/// <param name="Warnings">What could not be read with confidence, in Vietnamese, for the drafter to check.</param>
public sealed record PlanReadResult(
    string? DocumentType,
    string? DocumentTypeName,
    int? Number,
    string? Symbol,
    PlanIssuer Issuer,
    string? Place,
    DateOnly? IssuedOn,
    string? Subject,
    string Body,
    IReadOnlyList<PlanFootnote> Footnotes,
    IReadOnlyList<PlanRecipient> Recipients,
    PlanSigner? Signer,
    IReadOnlyList<ReportingDuty> ReportingDuties,
    IReadOnlyList<WorkProgrammeRow> WorkProgramme,
    IReadOnlyList<string> Warnings);
