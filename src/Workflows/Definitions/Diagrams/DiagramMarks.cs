namespace Workflows.Definitions.Diagrams;

/// <summary>
/// What a plan's diagram marks on its definition: the steps already done, the transitions taken, and the step (or, in a
/// parallel consultation, the steps) where the plan waits now.
/// </summary>
/// <param name="Done">Ids of the steps completed or passed through; a parallel step's branch as <c>{step}/{branch}</c>.</param>
/// <param name="Taken">The transitions taken, as <c>(from step id, outcome name)</c>; an action's or a decision's
/// transition is named <see cref="DiagramMarks.Next"/>, a decision's branch by its target step id.</param>
/// <param name="Current">Ids of the steps with an open task, or the step the instance stands at.</param>
public sealed record DiagramMarks(IReadOnlySet<string> Done, IReadOnlySet<(string From, string Outcome)> Taken, IReadOnlySet<string> Current)
{
    /// <summary>The name of a transition that is not a person's outcome (an action's <c>next</c>, the start arrow).</summary>
    public const string Next = "next";

    /// <summary>The name of a decision's transition to <paramref name="next"/> (a case's, or <c>otherwise</c>).</summary>
    public static string Case(string next) => "case:" + next;

    /// <summary>No marks: the definition as it is.</summary>
    public static DiagramMarks None { get; } = new(new HashSet<string>(), new HashSet<(string, string)>(), new HashSet<string>());
}
