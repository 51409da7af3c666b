using System.Text.Json;
using Workflows.Kernel.Plans;

namespace Workflows.Host.Ui;

/// <summary>
/// Vietnamese words of the reporting pages: frequencies, targets, period states and the matrix's cell states, so a
/// state is always said in words (never by colour alone).
/// </summary>
internal static class ReportingText
{
    /// <summary>The cell states of the matrix in the order of the legend, with their word and their meaning.</summary>
    public static readonly IReadOnlyList<(string State, string Word, string Meaning)> Legend =
    [
        ("on_time", "Đúng hạn", "đã nộp trước hết ngày hạn nộp (ghi thời điểm nộp lần đầu)"),
        ("late", "Nộp muộn", "đã nộp sau hạn nộp, trước khi kỳ đóng"),
        ("missing", "Chưa nộp", "kỳ đang mở, chưa đến hạn, trường chưa nộp"),
        ("overdue", "Quá hạn", "đã qua hạn nộp mà trường chưa nộp"),
        ("not_open", "Chưa mở", "kỳ báo cáo chưa đến ngày mở"),
        ("not_requested", "Không yêu cầu", "trường không được yêu cầu báo cáo kỳ này"),
    ];

    /// <summary>A cell state in words, e.g. <c>on_time</c> → "Đúng hạn".</summary>
    public static string Cell(string state) => Legend.FirstOrDefault(l => l.State == state).Word ?? state;

    /// <summary>
    /// The options of a frequency list on a form: each scheduled frequency's API value (what the form posts,
    /// <c>monthly</c>…) with its Vietnamese name (<see cref="ReportingFrequencies.Label"/>), in the usual order.
    /// </summary>
    public static IReadOnlyList<(string Value, string Label)> FrequencyOptions { get; } =
        [.. ReportingFrequencies.Scheduled.Select(f => (ReportingFrequencies.ToApi(f), ReportingFrequencies.Label(f)))];

    /// <summary>
    /// A frequency (API or database value, e.g. <c>half_yearly</c>) with its due day, e.g. "Hằng tháng, hạn ngày 15";
    /// the words are <see cref="ReportingFrequencies.Label"/>'s.
    /// </summary>
    public static string Frequency(string frequency, JsonElement rule)
    {
        var word = ReportingFrequencies.Parse(frequency) is { } known ? ReportingFrequencies.Label(known) : frequency;
        if (rule.ValueKind != JsonValueKind.Object) return word;
        if (rule.TryGetProperty("dueDate", out var date) && date.ValueKind == JsonValueKind.String && DateOnly.TryParse(date.GetString(),
                System.Globalization.CultureInfo.InvariantCulture, out var d))
            return $"{word}, hạn ngày {UiText.Date(d)}";
        var day = rule.TryGetProperty("dueDay", out var dd) && dd.ValueKind == JsonValueKind.Number ? dd.GetInt32() : (int?)null;
        var months = rule.TryGetProperty("months", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).ToList() : [];
        if (day is null) return word;
        return frequency == "monthly" || months.Count is 0 or 12
            ? $"{word}, hạn ngày {day}"
            : $"{word}, hạn ngày {day} tháng {string.Join(", ", months)}";
    }

    /// <summary>The target in words: the directory group's name, or the number of schools listed.</summary>
    public static string Target(JsonElement target)
    {
        if (target.ValueKind != JsonValueKind.Object) return "—";
        if (target.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String) return $"Nhóm “{g.GetString()}”";
        if (target.TryGetProperty("entryIds", out var ids) && ids.ValueKind == JsonValueKind.Array) return $"{ids.GetArrayLength()} đơn vị được chọn";
        return "—";
    }

    /// <summary>A period state in words at <paramref name="now"/>.</summary>
    public static string Period(string state, DateTimeOffset deadline, DateTimeOffset now) => state switch
    {
        "scheduled" => "Chưa mở",
        "open" when now >= deadline => "Đã qua hạn, còn nhận nộp muộn",
        "open" => "Đang mở",
        "closed" => "Đã đóng",
        _ => state,
    };

    /// <summary>A schedule status in words.</summary>
    public static string Schedule(string status) => status switch
    {
        "active" => "Đang thực hiện",
        "ended" => "Đã kết thúc",
        "cancelled" => "Đã hủy",
        _ => status,
    };
}
