namespace Workflows.Engine;

/// <summary>One round of a plan's parallel consultation (one entry into a <c>parallel</c> step): each branch and its answer.</summary>
/// <param name="Step">The parallel step's id.</param>
/// <param name="StepName">Its Vietnamese name, e.g. "Lấy ý kiến các phòng".</param>
/// <param name="Revision">The plan's revision round in which it was opened.</param>
/// <param name="Needed">How many branches must agree.</param>
/// <param name="Branches">The branches in the definition's order.</param>
internal sealed record Consultation(string Step, string StepName, int Revision, int Needed, IReadOnlyList<ConsultationBranch> Branches)
{
    /// <summary>Its number among the plan's consultations, the first being 1.</summary>
    public int Round { get; init; } = 1;

    /// <summary>When its branches were opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>
    /// <c>open</c> while a branch waits; once joined <c>agreed</c> (at least <see cref="Needed"/> branches agreed) or
    /// <c>returned</c> (the others: a return, or too few agreements).
    /// </summary>
    public string Result => Branches.Any(b => b.State == "open") ? "open"
        : Branches.Count(b => b.Outcome == "agree") >= Needed ? "agreed" : "returned";
}
