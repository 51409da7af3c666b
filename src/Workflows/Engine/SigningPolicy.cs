using Workflows.Kernel;
using Workflows.Organisation;

namespace Workflows.Engine;

/// <summary>
/// Which signing forms a person may use on a plan of an issuing body, and the signature each gives (Nghị định
/// 30/2020/NĐ-CP, Điều 13 and Phụ lục I, mục II.8). The one home of the rule: the engine enforces it when a plan is
/// signed, the API lists it on each signing task, and the plan page offers exactly these choices.
/// <list type="bullet">
/// <item>The head (title equal to the body's <see cref="IssuingBody.HeadTitle"/>, or no title) signs directly; for a body
/// under collective leadership (<see cref="IssuingBody.Collective"/>) also "TM. {collective} / {head title}", offered first.</item>
/// <item>A deputy (<see cref="IssuingBody.DeputyTitle"/>) signs "KT. {head title} / {own title}" in the head's place.</item>
/// <item>An acting head (title "Q. {head title}" or "QUYỀN {head title}") signs "Q. {head title}".</item>
/// <item>The head of a unit inside the body (<see cref="IssuingBody.ByOrderTitles"/>) signs "TL. {head title} / {own title}".</item>
/// <item>A person holding a written authorisation valid that day (<see cref="IssuingBody.Authorisations"/>) signs
/// "TUQ. {head title} / {own title}".</item>
/// </list>
/// Titles are compared in upper case; nothing here reads a database or the clock.
/// </summary>
public static class SigningPolicy
{
    /// <summary>The forms <paramref name="actor"/> may use on a plan of <paramref name="body"/> on <paramref name="today"/> (Vietnam date), in the order offered; empty when none.</summary>
    /// <param name="body">The plan's issuing body.</param>
    /// <param name="actor">The person signing.</param>
    /// <param name="today">The Vietnam date of signing.</param>
    /// <param name="granted">Authorisations beside the body's configured ones (a delegation: <see cref="ISigningAuthorisations"/>).</param>
    public static IReadOnlyList<SigningOption> Allowed(IssuingBody body, Actor actor, DateOnly today, IEnumerable<SigningAuthorisation>? granted = null)
    {
        var head = Upper(body.HeadTitle);
        var own = string.IsNullOrWhiteSpace(actor.Title) ? head : Upper(actor.Title);
        var options = new List<SigningOption>();
        if (own == head)
        {
            if (!string.IsNullOrWhiteSpace(body.Collective))
            {
                var collective = Upper(body.Collective);
                options.Add(new SigningOption("TM.", $"TM. {collective}", head, $"TM. {collective} / {head} — thay mặt tập thể lãnh đạo"));
            }
            options.Add(new SigningOption("direct", head, null, $"{head} — ký trực tiếp"));
        }
        if (!string.IsNullOrWhiteSpace(body.DeputyTitle) && own == Upper(body.DeputyTitle))
            options.Add(new SigningOption("KT.", $"KT. {head}", own, $"KT. {head} / {own} — ký thay người đứng đầu"));
        if (own == $"Q. {head}" || own == $"QUYỀN {head}")
            options.Add(new SigningOption("Q.", $"Q. {head}", null, $"Q. {head} — quyền người đứng đầu"));
        if (body.ByOrderTitles.Any(t => Upper(t) == own))
            options.Add(new SigningOption("TL.", $"TL. {head}", own, $"TL. {head} / {own} — thừa lệnh"));
        if (body.Authorisations.Concat(granted ?? []).FirstOrDefault(a => a.UserName == actor.UserName && a.HoldsOn(today)) is { } authorisation)
            options.Add(new SigningOption("TUQ.", $"TUQ. {head}", own,
                $"TUQ. {head} / {own} — thừa ủy quyền{(string.IsNullOrWhiteSpace(authorisation.Reference) ? "" : $" ({authorisation.Reference}, đến {authorisation.To.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)})")}"));
        return options;
    }

    /// <summary>
    /// The signature of <paramref name="actor"/> signing with <paramref name="signingForm"/> (as a client sends it:
    /// <c>direct</c> or empty, <c>KT.</c>, <c>kt</c>…) at <paramref name="now"/>, when the policy allows that form that day.
    /// </summary>
    /// <exception cref="WorkflowException">An unknown form, or one the policy does not give this person (422, field <c>signingForm</c>, naming the allowed ones).</exception>
    public static Signature Sign(IssuingBody body, string? signingForm, Actor actor, DateTimeOffset now, IEnumerable<SigningAuthorisation>? granted = null)
    {
        var form = Signature.ParseForm(signingForm) ?? "direct";
        var allowed = Allowed(body, actor, VietnamTime.ToVietnamDate(now), granted);
        var option = allowed.FirstOrDefault(o => o.Form == form)
            ?? throw new WorkflowException(ErrorKind.Invalid, Refusal(body, form, allowed), "signingForm");
        return new Signature(option.Form == "direct" ? null : option.Form, option.Title, option.SecondTitle, actor.FullName, actor.UserName, now);
    }

    private static string Refusal(IssuingBody body, string form, IReadOnlyList<SigningOption> allowed)
    {
        var what = form == "direct" ? $"Chỉ {Upper(body.HeadTitle)} ký trực tiếp" : $"Bạn không được ký theo hình thức \"{form}\"";
        return allowed.Count == 0
            ? $"{what}; chức vụ của bạn không có hình thức ký nào trên văn bản của {body.Name}."
            : $"{what}; chọn một trong: {string.Join(", ", allowed.Select(o => o.Form))}.";
    }

    private static string Upper(string text) => text.Trim().ToUpperInvariant();
}
