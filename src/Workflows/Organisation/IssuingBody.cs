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

    /// <summary>A deputy's title, e.g. "PHÓ TRƯỞNG PHÒNG": a person with it signs "KT." in the head's place.</summary>
    public string DeputyTitle { get; set; } = "";

    /// <summary>
    /// For a body under collective leadership (tập thể lãnh đạo, e.g. a People's Committee), the collective's name as
    /// written after "TM.", e.g. "ỦY BAN NHÂN DÂN": its head then signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
    /// (Nghị định 30/2020/NĐ-CP, Điều 13, khoản 2). Null for a body led by one head (chế độ thủ trưởng).
    /// </summary>
    public string? Collective { get; set; }

    /// <summary>
    /// Titles of the heads of units inside the body whom the head lets sign "TL." (by order), e.g. "CHÁNH VĂN PHÒNG"
    /// (Nghị định 30/2020/NĐ-CP, Điều 13, khoản 3).
    /// </summary>
    public List<string> ByOrderTitles { get; set; } = [];

    /// <summary>The written, time-limited authorisations to sign "TUQ." (Nghị định 30/2020/NĐ-CP, Điều 13, khoản 4).</summary>
    public List<SigningAuthorisation> Authorisations { get; set; } = [];

    /// <summary>The office's postal address as a school reads it on its submission page, e.g. "Số 2 Trần Hưng Đạo, phường Uông Bí, tỉnh Quảng Ninh"; null when not configured.</summary>
    public string? Address { get; set; }

    /// <summary>The office's telephone number as written for people, e.g. "0203 3854 321"; null when not configured.</summary>
    public string? Phone { get; set; }

    /// <summary>The office's e-mail address for schools' questions, e.g. "vanphong@pgddt.uongbi.example.org"; null when not configured.</summary>
    public string? Email { get; set; }
}
