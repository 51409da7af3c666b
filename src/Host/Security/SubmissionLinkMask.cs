using System.Text.RegularExpressions;

namespace Workflows.Host.Security;

/// <summary>
/// Masks the token of every school submission link (<c>/nop-bao-cao/{token}</c>) and receipt link (<c>/xac-nhan/{token}</c>) in a text shown to office staff: the
/// first four characters stay, so a message can still be told from another, the rest becomes <c>…</c>. Whoever holds a
/// whole link can submit as that school, so only the school's mailbox gets it.
/// </summary>
internal static partial class SubmissionLinkMask
{
    /// <summary>The visible characters of a masked token.</summary>
    public const int Kept = 4;

    /// <summary><paramref name="text"/> with each submission link's token masked.</summary>
    public static string Mask(string text) => Link().Replace(text, m => m.Groups[1].Value + m.Groups[2].Value + "…");

    [GeneratedRegex("(/nop-bao-cao/|/xac-nhan/)([A-Za-z0-9_-]{4})[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
