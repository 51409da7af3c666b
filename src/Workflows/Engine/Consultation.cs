namespace Workflows.Engine;

/// <summary>The latest round of a plan's parallel consultation (one entry into a <c>parallel</c> step): each branch and its answer.</summary>
/// <param name="Step">The parallel step's id.</param>
/// <param name="StepName">Its Vietnamese name, e.g. "Lấy ý kiến các phòng".</param>
/// <param name="Revision">The plan's revision round in which it was opened.</param>
/// <param name="Needed">How many branches must agree.</param>
/// <param name="Branches">The branches in the definition's order.</param>
internal sealed record Consultation(string Step, string StepName, int Revision, int Needed, IReadOnlyList<ConsultationBranch> Branches);
