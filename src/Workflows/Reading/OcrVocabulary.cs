namespace Workflows.Reading;

/// <summary>
/// What a scan read by OCR is checked against, since Tesseract misreads some words with high confidence ("CHỦ TICH"
/// for "CHỦ TỊCH"): the signer titles, the collectives signed for after "TM.", the issuing bodies' names and the
/// abbreviations in document symbols, the places of the date line, and today's date (Vietnam civil date) for a
/// plausible year. <see cref="Common"/> gives the titles and bodies that Nghị định 30/2020/NĐ-CP's models and the
/// education sector use; an installation adds its configured bodies with <see cref="With"/> (titles, names, codes and
/// places are configuration, never constants). All comparisons are on upper-case NFC text.
/// </summary>
/// <param name="Today">Today in Vietnam: an issue date more than 30 years before or one year after it is implausible.</param>
/// <param name="SignerTitles">Titles in a signature block ("TRƯỞNG PHÒNG", "PHÓ CHỦ TỊCH"…).</param>
/// <param name="Collectives">What "TM." is followed by ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG"…).</param>
/// <param name="IssuerNames">Issuing bodies' names as the header prints them, or their generic head ("PHÒNG GIÁO DỤC VÀ
/// ĐÀO TẠO", "ỦY BAN NHÂN DÂN"): a name starting like one of them, but not exactly, is corrected.</param>
/// <param name="BodyCodes">Abbreviations after the type in symbols ("PGDĐT"); empty: not checked.</param>
/// <param name="Places">Places of the date line ("Uông Bí"); empty: only the confidence is checked.</param>
public sealed record OcrVocabulary(DateOnly Today, IReadOnlyList<string> SignerTitles, IReadOnlyList<string> Collectives,
    IReadOnlyList<string> IssuerNames, IReadOnlyList<string> BodyCodes, IReadOnlyList<string> Places)
{
    /// <summary>The document types of Nghị định 30/2020/NĐ-CP (Phụ lục III) the reader knows, by abbreviation.</summary>
    public static readonly IReadOnlyDictionary<string, string> DocumentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["KH"] = "KẾ HOẠCH", ["QĐ"] = "QUYẾT ĐỊNH", ["TB"] = "THÔNG BÁO", ["HD"] = "HƯỚNG DẪN", ["CTr"] = "CHƯƠNG TRÌNH", ["BC"] = "BÁO CÁO",
    };

    /// <summary>The signing forms of Nghị định 30/2020/NĐ-CP, Điều 13: KT., TM., TL., TUQ., Q.</summary>
    public static readonly IReadOnlyList<string> SigningForms = ["KT.", "TM.", "TL.", "TUQ.", "Q."];

    /// <summary>The administrative words of a parent body's name ("UBND HUYỆN …"), corrected word by word.</summary>
    public static readonly IReadOnlyList<string> AdministrativeWords = ["UBND", "HUYỆN", "TỈNH", "THÀNH", "PHỐ", "THỊ", "XÃ", "PHƯỜNG", "TRẤN", "ỦY", "BAN", "NHÂN", "DÂN"];

    /// <summary>The titles and bodies common to the education sector and to commune People's Committees, for
    /// <paramref name="today"/>; no body codes and no places.</summary>
    public static OcrVocabulary Common(DateOnly today) => new(today,
        ["TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG",
         "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
         "BỘ TRƯỞNG", "THỨ TRƯỞNG", "VỤ TRƯỞNG", "CỤC TRƯỞNG", "TỔ TRƯỞNG", "KẾ TOÁN TRƯỞNG", "THƯ KÝ"],
        ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG", "BAN CHỈ ĐẠO", "BAN TỔ CHỨC", "BAN GIÁM HIỆU", "HỘI ĐỒNG TRƯỜNG"],
        ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "ỦY BAN NHÂN DÂN", "PHÒNG VĂN HÓA - XÃ HỘI"],
        [], []);

    /// <summary>This vocabulary with more entries (an installation's configured bodies); duplicates are dropped.</summary>
    public OcrVocabulary With(IEnumerable<string> signerTitles, IEnumerable<string> collectives, IEnumerable<string> issuerNames,
        IEnumerable<string> bodyCodes, IEnumerable<string> places) => this with
    {
        SignerTitles = Join(SignerTitles, signerTitles),
        Collectives = Join(Collectives, collectives),
        IssuerNames = Join(IssuerNames, issuerNames),
        BodyCodes = Join(BodyCodes, bodyCodes),
        Places = Join(Places, places),
    };

    private static List<string> Join(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Concat(b).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().Normalize()).Distinct(StringComparer.Ordinal).ToList();
}
