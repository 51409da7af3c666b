namespace Workflows.Kernel.Plans;

/// <summary>
/// The signature block. How the printed lines map to the fields:
/// <list type="bullet">
/// <item>Head signs directly ("TRƯỞNG PHÒNG"): Form null, Title "TRƯỞNG PHÒNG", SecondTitle null.</item>
/// <item>"KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG": Form "KT.", Title "TRƯỞNG PHÒNG" (the head, in whose place),
/// SecondTitle "PHÓ TRƯỞNG PHÒNG" (the deputy who signs).</item>
/// <item>"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH": Form "TM.", OnBehalfOf "ỦY BAN NHÂN DÂN", Title "CHỦ TỊCH"
/// (the head of the collective body), SecondTitle "CHỦ TỊCH" (the title printed above the name).
/// "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" gives Form "TM.", Title "CHỦ TỊCH", SecondTitle "PHÓ CHỦ TỊCH".</item>
/// <item>"TL.", "TUQ.", "Q." + title on the first line: Title is that title (the head's); SecondTitle is the
/// next title line when there is one (e.g. "CHÁNH VĂN PHÒNG"), else null.</item>
/// </list>
/// In short: Title is the office whose authority is used; SecondTitle is the title printed directly above
/// the name when it is on a line of its own below the form line.
/// </summary>
/// <param name="Form">Null when the head signs directly, else "KT.", "TM.", "TL.", "TUQ." or "Q.".</param>
/// <param name="OnBehalfOf">Under TM., the collective body; null otherwise.</param>
/// <param name="Title">The office whose authority is used (see above), or null when no title was found.</param>
/// <param name="SecondTitle">The title printed above the name on its own line, or null.</param>
/// <param name="Name">The signer's name, or null when the plan has none (unsigned draft).</param>
public sealed record PlanSigner(string? Form, string? OnBehalfOf, string? Title, string? SecondTitle, string? Name);
