using Microsoft.EntityFrameworkCore;

namespace Workflows.Host.Identity;

/// <summary>
/// Names people as the pages show them: full name and title ("Trần Nam Hải, Trưởng phòng"), never the login name.
/// The audit trail and the plans keep login names; this lookup turns a set of them into words in one query.
/// <c>system</c> (the engine, the scheduler) is "Hệ thống"; a login name no longer known stays as "Người dùng đã xóa".
/// </summary>
internal sealed class PeopleNames(WorkflowIdentityDbContext identity)
{
    /// <summary>The word shown for automatic steps (audit actor <c>system</c>).</summary>
    public const string Automatic = "Hệ thống";

    /// <summary>Each login name of <paramref name="userNames"/> with its words; names not found map to "Người dùng đã xóa".</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookUp = wanted.Where(n => n != "system").ToList();
        if (lookUp.Count > 0)
        {
            var rows = await identity.Users.AsNoTracking().Where(u => lookUp.Contains(u.UserName!))
                .Select(u => new { u.UserName, u.FullName, u.Title }).ToListAsync(ct);
            foreach (var row in rows) result[row.UserName!] = Words(row.FullName, row.Title);
        }
        foreach (var name in wanted) result.TryAdd(name, name == "system" ? Automatic : "Người dùng đã xóa");
        return result;
    }

    /// <summary>One person's words: "Trần Nam Hải, Trưởng phòng" (the title in sentence case), or the full name alone.</summary>
    public static string Words(string fullName, string? title) =>
        string.IsNullOrWhiteSpace(title) ? fullName : $"{fullName}, {SentenceCase(title)}";

    private static string SentenceCase(string title)
    {
        var lower = title.Trim().ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        return char.ToUpper(lower[0], System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + lower[1..];
    }
}
