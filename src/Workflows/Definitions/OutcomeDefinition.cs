namespace Workflows.Definitions;

/// <summary>One outcome a person may choose on a human task.</summary>
/// <param name="Name">Outcome name as sent by clients, e.g. <c>approve</c>, <c>return</c>, <c>reject</c>.</param>
/// <param name="Next">Id of the step that follows.</param>
/// <param name="Label">Vietnamese label shown on the button.</param>
/// <param name="RequiresComment">True when the outcome needs a non-empty comment (e.g. returning a draft).</param>
/// <param name="Status">Plan status set by this outcome, overriding the next step's own status (e.g. <c>returned</c>).</param>
public sealed record OutcomeDefinition(string Name, string Next, string Label, bool RequiresComment, string? Status);
