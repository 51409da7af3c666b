namespace Workflows.Kernel.Plans;

/// <summary>
/// The fields of a plan document (Nghị định 30/2020/NĐ-CP, Phụ lục I: tên cơ quan, số và ký hiệu, địa danh và thời
/// gian, tên loại và trích yếu, nội dung, Nơi nhận, chữ ký), as the reader finds them and the drafter corrects them,
/// plus the reporting duties (Nghị định 09/2019/NĐ-CP) and the work programme. Stored as is in <c>plans.fields</c>
/// (jsonb) and returned by the API as <c>fields</c>; the JSON (camelCase names: <c>documentType</c>, <c>issuer</c>,
/// <c>recipients</c>, <c>reportingDuties</c>…) is a contract, written and read only by <c>Workflows.Plans.PlanFieldsJson</c>.
/// A member missing from the JSON, or null where a list or text is expected, reads as its default (empty).
/// </summary>
public sealed record PlanFields
{
    /// <summary>No fields: a plan typed in without any.</summary>
    public static PlanFields Empty { get; } = new();

    /// <summary>Type abbreviation as read: KH, QĐ, TB, HD, CTr, BC, or CV for a công văn; null when unknown.</summary>
    public string? DocumentType { get; init; }

    /// <summary>The type's name as printed ("Kế hoạch"), or null.</summary>
    public string? DocumentTypeName { get; init; }

    /// <summary>The number as read from the document (82), or null. The issued number lives on the plan, not here.</summary>
    public int? Number { get; init; }

    /// <summary>Number and symbol as read, without stray spaces ("82/KH-PGDĐT"), or null.</summary>
    public string? Symbol { get; init; }

    /// <summary>The issuing body and its parent; both null when not found.</summary>
    public PlanIssuer Issuer { get; init => field = value ?? new PlanIssuer(null, null); } = new(null, null);

    /// <summary>The place before the date ("Uông Bí"), or null.</summary>
    public string? Place { get; init; }

    /// <summary>The date as read (Vietnam civil date), or null. The date of issue lives on the plan, not here.</summary>
    public DateOnly? IssuedOn { get; init; }

    /// <summary>The trích yếu, joined into one line, or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The body from Căn cứ… to the end of the last section, one paragraph per line (separated by "\n"),
    /// footnotes and the work programme table taken out; empty when none.</summary>
    public string Body { get; init => field = value ?? ""; } = "";

    /// <summary>The footnotes taken out of the body.</summary>
    public IReadOnlyList<PlanFootnote> Footnotes { get; init => field = value ?? []; } = [];

    /// <summary>Where the footnotes' marks stand in <see cref="Body"/> (JSON <c>footnoteMarks</c>: <c>[{"marker":"1","offset":812}]</c>,
    /// offsets in UTF-16 code units), in body order; at most one per footnote. A footnote without a mark here is listed
    /// under the body without one (a reader that saw none, or an older plan). Kept consistent with the body by
    /// <c>Workflows.Plans.FootnoteMarks</c>.</summary>
    public IReadOnlyList<PlanFootnoteMark> FootnoteMarks { get; init => field = value ?? []; } = [];

    /// <summary>The Nơi nhận entries, in the document's order (a line's index is its position here).</summary>
    public IReadOnlyList<PlanRecipient> Recipients { get; init => field = value ?? []; } = [];

    /// <summary>The signature block, or null when none was found.</summary>
    public PlanSigner? Signer { get; init; }

    /// <summary>The reporting obligations, in the document's order (a duty's index is its position here).</summary>
    public IReadOnlyList<ReportingDuty> ReportingDuties { get; init => field = value ?? []; } = [];

    /// <summary>The rows of the CHƯƠNG TRÌNH CÔNG TÁC table.</summary>
    public IReadOnlyList<WorkProgrammeRow> WorkProgramme { get; init => field = value ?? []; } = [];

    /// <summary>What the reader could not read with confidence, in Vietnamese, for the drafter to check.</summary>
    public IReadOnlyList<string> Warnings { get; init => field = value ?? []; } = [];
}
