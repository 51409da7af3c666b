namespace Workflows.Issuance;

/// <summary>
/// The number and symbol of a document (Nghị định 30/2020/NĐ-CP, Điều 8 khoản 3 and Phụ lục I, mục II.3):
/// <c>{number}/{type}-{body}</c>, the number zero-padded below 10 (e.g. <c>05/KH-PGDĐT</c>); a công văn has no type
/// abbreviation (<c>15/PGDĐT</c>).
/// </summary>
public static class DocumentSymbol
{
    /// <summary>Formats the symbol.</summary>
    /// <param name="number">Issuance number, from 1.</param>
    /// <param name="documentType">Type abbreviation (KH, QĐ, TB, HD, CTr, BC) or CV for a công văn.</param>
    /// <param name="bodyCode">The issuing body's abbreviation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1.</exception>
    public static string Format(int number, string documentType, string bodyCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var padded = number.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return documentType is "CV" or "" ? $"{padded}/{bodyCode}" : $"{padded}/{documentType}-{bodyCode}";
    }
}
