using System.Globalization;

namespace Workflows.Plans;

/// <summary>
/// The names of the document types a plan may have (Nghị định 30/2020/NĐ-CP, Phụ lục III: the abbreviations of
/// administrative document types), the one place they are written: "Kế hoạch" for <c>KH</c>, "Công văn" for
/// <c>CV</c>. Pages show the name, never the abbreviation alone.
/// </summary>
public static class DocumentTypeNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["KH"] = "Kế hoạch", ["QĐ"] = "Quyết định", ["TB"] = "Thông báo", ["HD"] = "Hướng dẫn",
        ["CTr"] = "Chương trình", ["BC"] = "Báo cáo", ["CV"] = "Công văn",
    };

    /// <summary>The type's name in sentence case, e.g. "Kế hoạch" for <c>KH</c>; an unknown abbreviation is returned as it is.</summary>
    public static string Name(string abbreviation) => Names.GetValueOrDefault(abbreviation, abbreviation);

    /// <summary>The type's name as printed above the subject, e.g. "KẾ HOẠCH"; null for a công văn, which prints none.</summary>
    public static string? Heading(string abbreviation) =>
        abbreviation == "CV" || !Names.TryGetValue(abbreviation, out var name) ? null : name.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));
}
