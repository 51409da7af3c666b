namespace Workflows.Delegation;

/// <summary>
/// An absence recorded with a delegate (ủy quyền, Nghị định 30/2020/NĐ-CP, Điều 13): from <see cref="StartsOn"/> to
/// <see cref="EndsOn"/> (Vietnam dates, both inclusive) the tasks that arrive for <see cref="UserName"/> go to
/// <see cref="Delegate"/>; the delegation ends by itself after <see cref="EndsOn"/>, or when cancelled.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="BodyCode">The issuing body of both people.</param>
/// <param name="UserName">The person away (người ủy quyền).</param>
/// <param name="UserFullName">Their full name.</param>
/// <param name="Delegate">The person who acts for them (người được ủy quyền).</param>
/// <param name="DelegateFullName">Their full name.</param>
/// <param name="StartsOn">First day (Vietnam date, inclusive).</param>
/// <param name="EndsOn">Last day (Vietnam date, inclusive).</param>
/// <param name="Definitions">The workflow definitions it covers; empty: all.</param>
/// <param name="Reference">The written authorisation it rests on, e.g. "Giấy ủy quyền số 12/GUQ-PGDĐT"; null when none.</param>
/// <param name="CreatedAt">When it was recorded (UTC).</param>
/// <param name="CancelledAt">When it was cancelled (UTC); null when not.</param>
public sealed record DelegationRecord(
    Guid Id, string BodyCode, string UserName, string UserFullName, string Delegate, string DelegateFullName,
    DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<string> Definitions, string? Reference, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt)
{
    /// <summary>True when it holds on <paramref name="today"/> (Vietnam date): started, not ended, not cancelled.</summary>
    public bool HoldsOn(DateOnly today) => CancelledAt is null && StartsOn <= today && today <= EndsOn;

    /// <summary>True when it covers definition <paramref name="definitionId"/> (all when <see cref="Definitions"/> is empty).</summary>
    public bool Covers(string definitionId) => Definitions.Count == 0 || Definitions.Contains(definitionId);

    /// <summary>"Đang hiệu lực", "Sắp bắt đầu", "Đã kết thúc" or "Đã hủy" on <paramref name="today"/>.</summary>
    public string State(DateOnly today) =>
        CancelledAt is not null ? "Đã hủy" : today < StartsOn ? "Sắp bắt đầu" : today <= EndsOn ? "Đang hiệu lực" : "Đã kết thúc";
}
