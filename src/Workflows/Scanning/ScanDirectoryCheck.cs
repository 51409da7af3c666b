using Workflows.Distribution;
using Workflows.Kernel.Plans;

namespace Workflows.Scanning;

/// <summary>
/// Checks the Nơi nhận lines and the duties' reporters of a plan read by OCR against the directory, where the
/// directory is at hand (the upload of a scan), since the reader itself is pure. A Nơi nhận line (archive entries
/// aside) that resolves to no entry, to several, or only partly (see <see cref="RecipientResolver"/>), gets a warning
/// naming the nearest entries; one that resolves only because the comparison folds diacritics and abbreviations
/// ("Các trường tiêu học" for "Các trường tiểu học") gets a warning naming the entry, since OCR drops exactly those
/// marks. A reporter gets a warning only when it is near an entry's name or alias without being one of them. The
/// fields themselves are not changed: the drafter picks.
/// </summary>
public static class ScanDirectoryCheck
{
    /// <summary>The fields with the directory's warnings added.</summary>
    /// <param name="fields">The plan as OCR read it.</param>
    /// <param name="entries">The directory's entries (with their aliases and members).</param>
    public static PlanFields Apply(PlanFields fields, IReadOnlyList<DirectoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(entries);
        var resolver = new RecipientResolver(entries);
        var names = entries.SelectMany(e => e.Aliases.Prepend(e.Name)).Select(RecipientText.Clean).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var warnings = new List<string>(fields.Warnings);
        foreach (var line in RecipientLine.FromFields(fields).Where(l => l.Kind != RecipientKind.Archive))
        {
            var text = RecipientText.Clean(line.Text);
            var resolution = resolver.Resolve(line);
            var message = resolution.State switch
            {
                LineResolution.Resolved when !Written(text, resolution.Entries[0]) =>
                    $"Nơi nhận “{text}” đọc bằng OCR chỉ khớp “{Nearest(text, resolution.Entries[0].Aliases.Prepend(resolution.Entries[0].Name))}” trong danh bạ khi bỏ qua dấu và chữ viết tắt: cần kiểm tra nơi nhận.",
                LineResolution.Partial =>
                    $"Nơi nhận “{text}” đọc bằng OCR chỉ khớp một phần với “{resolution.Candidates[0].Name}” trong danh bạ: cần kiểm tra nơi nhận.",
                LineResolution.Ambiguous =>
                    $"Nơi nhận “{text}” đọc bằng OCR có thể là “{string.Join("” hoặc “", resolution.Candidates.Select(c => c.Name))}” trong danh bạ: cần kiểm tra nơi nhận.",
                LineResolution.Unresolved => Near(text, names) is { } near
                    ? $"Nơi nhận “{text}” đọc bằng OCR không có trong danh bạ; gần giống “{near}”: cần kiểm tra nơi nhận."
                    : $"Nơi nhận “{text}” đọc bằng OCR không khớp mục nào trong danh bạ: cần kiểm tra nơi nhận.",
                _ => null,
            };
            if (message is not null)
            {
                warnings.Add(message);
            }
        }
        for (var i = 0; i < fields.ReportingDuties.Count; i++)
        {
            if (fields.ReportingDuties[i].Reporter is { Length: > 0 } reporter
                && !names.Contains(RecipientText.Clean(reporter), StringComparer.OrdinalIgnoreCase)
                && Near(RecipientText.Clean(reporter), names) is { } near)
            {
                warnings.Add($"Nghĩa vụ báo cáo {i + 1}: người báo cáo “{reporter}” đọc bằng OCR gần giống “{near}” trong danh bạ: cần kiểm tra nghĩa vụ báo cáo {i + 1}.");
            }
        }
        return fields with { Warnings = warnings };
    }

    // The line is written as the entry's name or one of its aliases, marks and all (case aside).
    private static bool Written(string text, DirectoryEntry entry) =>
        entry.Aliases.Prepend(entry.Name).Any(n => string.Equals(RecipientText.Clean(n), text, StringComparison.OrdinalIgnoreCase));

    private static string Nearest(string text, IEnumerable<string> names) =>
        names.Select(RecipientText.Clean).MinBy(n => Reading.Fuzzy.Distance(text.ToLowerInvariant(), n.ToLowerInvariant())) ?? text;

    // The one name at most a quarter of the text's length away (at least 2 edits allowed), case aside.
    private static string? Near(string text, IReadOnlyList<string> names)
    {
        var t = text.ToLowerInvariant();
        var limit = Math.Max(2, t.Length / 4);
        var scored = names.Select(n => (Name: n, D: Reading.Fuzzy.Distance(t, n.ToLowerInvariant()))).Where(x => x.D > 0 && x.D <= limit).OrderBy(x => x.D).ToList();
        return scored.Count > 0 ? scored[0].Name : null;
    }
}
