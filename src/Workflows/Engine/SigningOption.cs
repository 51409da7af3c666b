namespace Workflows.Engine;

/// <summary>One signing form a person may use on a plan, with the signer block it prints.</summary>
/// <param name="Form">What a client sends as <c>signingForm</c>: <c>direct</c>, <c>KT.</c>, <c>TM.</c>, <c>TL.</c>, <c>TUQ.</c> or <c>Q.</c>.</param>
/// <param name="Title">First line of the signer block, e.g. "KT. TRƯỞNG PHÒNG" or "TM. ỦY BAN NHÂN DÂN".</param>
/// <param name="SecondTitle">The line under it, e.g. "PHÓ TRƯỞNG PHÒNG" or "CHỦ TỊCH"; null when the head signs directly or as acting head.</param>
/// <param name="Label">The choice in Vietnamese words, e.g. "KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG — ký thay người đứng đầu".</param>
public sealed record SigningOption(string Form, string Title, string? SecondTitle, string Label);
