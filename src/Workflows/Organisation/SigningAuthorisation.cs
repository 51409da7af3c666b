namespace Workflows.Organisation;

/// <summary>
/// A written, time-limited authorisation (giấy ủy quyền) letting one person sign <c>TUQ.</c> in the head's name
/// (Nghị định 30/2020/NĐ-CP, Điều 13, khoản 4): the person authorised may not pass it on, and it ends by itself.
/// Configured per issuing body under <c>Workflows:IssuingBodies:{n}:Authorisations</c>.
/// </summary>
public sealed class SigningAuthorisation
{
    /// <summary>Login name of the person authorised, e.g. <c>chanhvanphong</c>.</summary>
    public string UserName { get; set; } = "";

    /// <summary>First day it holds (Vietnam date, inclusive).</summary>
    public DateOnly From { get; set; }

    /// <summary>Last day it holds (Vietnam date, inclusive).</summary>
    public DateOnly To { get; set; }

    /// <summary>The written authorisation it rests on, e.g. "Giấy ủy quyền số 12/GUQ-PGDĐT"; shown beside the choice.</summary>
    public string? Reference { get; set; }

    /// <summary>True when it holds on <paramref name="today"/> (Vietnam date).</summary>
    public bool HoldsOn(DateOnly today) => From <= today && today <= To;
}
