using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Kernel;

namespace Workflows.BrowserTests.Ui;

/// <summary>
/// The internal codes a user must never read on a page: workflow states and outcomes, audit actions, delivery and
/// reporting states, role names, reader error codes, and the demo accounts' login names (people are shown by full
/// name and title). A page's visible text is checked word by word after e-mail addresses and links are set aside.
/// </summary>
internal static partial class CodeWords
{
    /// <summary>Latin-only words that are codes of this product, never Vietnamese text (case-sensitive).</summary>
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        "draft", "review", "sign", "signed", "issued", "released", "returned", "rejected", "approve", "reject", "submit",
        "in-review", "awaiting-signature", "in-consultation", "in-deputy-review", "agree", "agreed", "consult", "deputy-review", "number", "issue-number", "release", "activate-reporting", "done",
        "queued", "sending", "sent", "retrying", "failed", "acknowledged",
        "on_time", "late", "missing", "overdue", "not_open", "not_requested", "scheduled", "open", "closed", "active", "ended", "cancelled",
        "monthly", "quarterly", "half-yearly", "yearly", "once",
        "binary", "not-utf8", "legacy-encoding", "invalid-docx", "unreadable", "too-large", "utf-16",
        Roles.Drafter, Roles.Reviewer, Roles.Signer, Roles.Clerk, Roles.Admin, "Reporter", "DeputyDirector", "ConsultTCCB", "ConsultKHTC", "system", "null", "true", "false",
        "chuyenvien", "photruongphong", "truongphong", "vanthu", "quantri",
    };

    /// <summary>The code words found in <paramref name="text"/> (dotted audit actions such as <c>plan.created</c> included).</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        var plain = Addresses().Replace(text, " ");
        return Words().Matches(plain).Select(m => m.Value.TrimEnd('.', '-', '_'))
            .Where(w => Codes.Contains(w) || (DottedCode().IsMatch(w) && !FileName().IsMatch(w))).Distinct().ToList();
    }

    /// <summary>Fails when the page's visible text shows a code word, naming the words and the page.</summary>
    public static async Task AssertNoneAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("document.body.innerText");
        var found = Find(text);
        Xunit.Assert.True(found.Count == 0, $"{page.Url} shows internal codes: {string.Join(", ", found)}");
    }

    [GeneratedRegex(@"\S+@\S+|https?://\S+|/[\w\-./?=&%#…]+")]
    private static partial Regex Addresses();

    // A run of ASCII letters, digits and . _ - that is neither preceded nor followed by another letter (Vietnamese included).
    [GeneratedRegex(@"(?<![\p{L}\p{Nd}._-])[A-Za-z][A-Za-z0-9._-]*(?![\p{L}\p{Nd}])")]
    private static partial Regex Words();

    [GeneratedRegex(@"^[a-z]+(\.[a-z]+(-[a-z]+)*)+$")]
    private static partial Regex DottedCode();

    [GeneratedRegex(@"\.(pdf|docx|txt|xlsx|csv|eml|zip|png|jpg)$")]
    private static partial Regex FileName();
}
