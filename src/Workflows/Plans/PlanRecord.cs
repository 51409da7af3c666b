using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>A plan row as stored (document bytes excepted).</summary>
public sealed record PlanRecord
{
    /// <summary>Plan id.</summary>
    public Guid Id { get; init; }

    /// <summary>Code of the issuing body, e.g. <c>PGDĐT</c>.</summary>
    public string BodyCode { get; init; } = "";

    /// <summary>Document type abbreviation (Nghị định 30/2020, Phụ lục III), e.g. <c>KH</c>.</summary>
    public string DocumentType { get; init; } = "KH";

    /// <summary>Trích yếu: the subject line.</summary>
    public string Subject { get; init; } = "";

    /// <summary>draft, in-review, awaiting-signature, signed, issued, released, returned, rejected.</summary>
    public string Status { get; init; } = PlanStatus.Draft;

    /// <summary>The step the plan waits at, or null when none.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>Revision round: 0 before the first submission, then 1, 2… (each return starts a new round).</summary>
    public int Revision { get; init; }

    /// <summary>Issuance number, once issued.</summary>
    public int? Number { get; init; }

    /// <summary>Number and symbol, e.g. <c>01/KH-PGDĐT</c>, once issued.</summary>
    public string? Symbol { get; init; }

    /// <summary>Date of issue (Vietnam date), once issued.</summary>
    public DateOnly? IssuedOn { get; init; }

    /// <summary>The signature as JSON, once signed.</summary>
    public string? Signing { get; init; }

    /// <summary>The document's fields as the reader found them and the drafter corrected them (<c>plans.fields</c>).</summary>
    public PlanFields Fields { get; init; } = PlanFields.Empty;

    /// <summary>File name of the uploaded document, if any.</summary>
    public string? DocumentName { get; init; }

    /// <summary>User name of the drafter who created it.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>Creation instant (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change instant (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Release instant (UTC), once released.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>Incremented by every change of the row (<see cref="PlanWrites"/>); a writer that did not lock the plan updates only the version it read.</summary>
    public int RowVersion { get; init; }
}
