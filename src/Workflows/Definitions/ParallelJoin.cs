namespace Workflows.Definitions;

/// <summary>
/// When a <c>parallel</c> step goes on, and what a branch's return does to it.
/// </summary>
/// <param name="Needed">How many branches must agree: every branch (<c>"all"</c>), one (<c>"any"</c>), or n (<c>{ "atLeast": n }</c>).</param>
/// <param name="ReturnAtOnce">
/// <c>"onReturn": "returnAtOnce"</c>: one branch's return takes the step's <c>returned</c> outcome at once and closes the open
/// branches. <c>"onReturn": "countAsDissent"</c> (the default): a return is one branch that did not agree; the step takes
/// <c>returned</c> only when the branches still open can no longer reach <paramref name="Needed"/>.
/// </param>
public sealed record ParallelJoin(int Needed, bool ReturnAtOnce)
{
    /// <summary>The outcome a parallel step takes when enough branches agree.</summary>
    public const string Agreed = "agreed";

    /// <summary>The outcome a parallel step takes when the branches return it.</summary>
    public const string Returned = "returned";

    /// <summary>The outcome of a branch task that agrees.</summary>
    public const string Agree = "agree";

    /// <summary>The outcome of a branch task that returns the draft (a comment is required).</summary>
    public const string Return = "return";

    /// <summary>The outcomes of a branch task of parallel step <paramref name="stepId"/>: agree, and return with a comment.</summary>
    public static IReadOnlyDictionary<string, OutcomeDefinition> BranchOutcomes(string stepId) => new Dictionary<string, OutcomeDefinition>(StringComparer.Ordinal)
    {
        [Agree] = new(Agree, stepId, "Đồng ý", false, null),
        [Return] = new(Return, stepId, "Trả lại", true, null),
    };

    /// <summary>
    /// The step's outcome once <paramref name="agreed"/> branches agreed, <paramref name="returned"/> returned and
    /// <paramref name="open"/> are still open; null while it waits.
    /// </summary>
    public string? Decide(int agreed, int returned, int open) =>
        agreed >= Needed ? Agreed
        : (ReturnAtOnce && returned > 0) || agreed + open < Needed ? Returned
        : null;
}
