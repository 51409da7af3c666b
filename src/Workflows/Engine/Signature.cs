using Workflows.Kernel;

namespace Workflows.Engine;

/// <summary>
/// A signature as recorded when the signer approves (Nghị định 30/2020, Phụ lục I, mục II.8: thẩm quyền, chức vụ,
/// họ tên người ký).
/// </summary>
/// <param name="Form">null when the head signs directly, or "KT.", "TM.", "TL.", "TUQ.", "Q.".</param>
/// <param name="Title">First line of the signer block, e.g. "TRƯỞNG PHÒNG" or "KT. TRƯỞNG PHÒNG".</param>
/// <param name="SecondTitle">The signer's own title under KT./TM./TL./TUQ., e.g. "PHÓ TRƯỞNG PHÒNG"; null when direct.</param>
/// <param name="Name">The signer's full name.</param>
/// <param name="UserName">The signer's login name.</param>
/// <param name="SignedAt">Instant of signing (UTC).</param>
public sealed record Signature(string? Form, string Title, string? SecondTitle, string Name, string UserName, DateTimeOffset SignedAt)
{
    /// <summary>The forms accepted by the API: <c>direct</c> (or empty) and the Nghị định 30 prefixes.</summary>
    public static readonly IReadOnlyList<string> Forms = ["direct", "KT.", "TM.", "TL.", "TUQ.", "Q."];

    /// <summary>Normalises a form as sent by a client ("kt", "KT.", "direct"…) to null or its canonical prefix.</summary>
    /// <exception cref="WorkflowException">Not a known form (field <c>signingForm</c>).</exception>
    public static string? ParseForm(string? text)
    {
        var value = (text ?? "").Trim().TrimEnd('.').ToUpperInvariant();
        return value switch
        {
            "" or "DIRECT" => null,
            "KT" or "TM" or "TL" or "TUQ" or "Q" => value + ".",
            _ => throw WorkflowException.Invalid("signingForm", $"Hình thức ký '{text}' không hợp lệ; chọn một trong: {string.Join(", ", Forms)}."),
        };
    }
}
