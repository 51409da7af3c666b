namespace Workflows.Delegation;

/// <summary>
/// The one SQL form of "this delegation is in force for a task of that definition on that day" (Nghị định 30/2020,
/// Điều 13): not cancelled, its first day ≤ the Vietnam date ≤ its last day, and covering every definition or the task's.
/// Used by the rule of who acts on a task and whom its mail reaches (<see cref="TaskActingRule"/>, for the engine and the
/// mail alike) and the delegations' own lookups (<see cref="Delegations"/>).
/// </summary>
internal static class DelegationInForce
{
    /// <summary>The predicate on the <c>delegations</c> row aliased <paramref name="alias"/>, for the SQL expressions of the date and the definition id.</summary>
    public static string Sql(string alias, string today, string definition) =>
        $"{OnDate(alias, today)} AND ({alias}.definitions IS NULL OR {definition} = ANY ({alias}.definitions))";

    /// <summary>The same predicate for a task of any definition: not cancelled, and the date (an SQL expression) within its first and last day.</summary>
    public static string OnDate(string alias, string today) =>
        $"{alias}.cancelled_at IS NULL AND {alias}.starts_on <= {today} AND {alias}.ends_on >= {today}";
}
