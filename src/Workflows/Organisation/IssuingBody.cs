namespace Workflows.Organisation;

/// <summary>
/// An issuing body (cơ quan ban hành) as configured: since 1 July 2025 bodies change, so nothing here is a constant.
/// </summary>
public sealed class IssuingBody
{
    /// <summary>Abbreviation used in document symbols, e.g. <c>PGDĐT</c>, <c>SGDĐT</c>, <c>UBND</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Name in the header, upper case, e.g. "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO".</summary>
    public string Name { get; set; } = "";

    /// <summary>Parent body above it in the header, e.g. "UBND THÀNH PHỐ UÔNG BÍ"; null when none.</summary>
    public string? Parent { get; set; }

    /// <summary>Place name for the date line, e.g. "Uông Bí".</summary>
    public string Place { get; set; } = "";

    /// <summary>The head's title in a signer block, e.g. "TRƯỞNG PHÒNG", "GIÁM ĐỐC", "CHỦ TỊCH".</summary>
    public string HeadTitle { get; set; } = "";

    /// <summary>A deputy's title, e.g. "PHÓ TRƯỞNG PHÒNG".</summary>
    public string DeputyTitle { get; set; } = "";
}
