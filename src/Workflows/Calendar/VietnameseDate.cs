using System.Globalization;
using Workflows.Kernel;

namespace Workflows.Calendar;

/// <summary>
/// A civil date as people type it in the UI: day/month/year ("15/03/2026", "5/3/2026"), the Vietnamese order. The one
/// parser of typed dates, so every form says the same thing about a bad one. (The API takes ISO dates, yyyy-MM-dd.)
/// </summary>
public static class VietnameseDate
{
    /// <summary>What a form shows next to a date it cannot read.</summary>
    public const string Refusal = "Ngày viết theo dạng ngày/tháng/năm, ví dụ 15/03/2026.";

    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>Reads <paramref name="text"/>: true with null for blank text, true with the date for a valid one, false otherwise.</summary>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }

    /// <summary>The date of <paramref name="text"/>, or null for blank text.</summary>
    /// <exception cref="WorkflowException">Not a day/month/year date (422, field <paramref name="field"/>).</exception>
    public static DateOnly? Parse(string? text, string field) =>
        TryParse(text, out var date) ? date : throw WorkflowException.Invalid(field, Refusal);
}
