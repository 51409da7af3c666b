namespace Workflows.Engine;

/// <summary>What a person sends to complete a human task.</summary>
/// <param name="Outcome">One of the step's outcomes, e.g. <c>approve</c>, <c>return</c>; on a branch of a parallel step
/// <c>agree</c> or <c>return</c>.</param>
/// <param name="Comment">Comment; required by outcomes such as <c>return</c>.</param>
/// <param name="SigningForm">On a signing step: <c>direct</c>, <c>KT.</c>, <c>TM.</c>, <c>TL.</c>, <c>TUQ.</c> or <c>Q.</c>.</param>
/// <param name="NextAssignee">User name of the next task's holder where the next step lets the previous actor choose
/// ("chuyển xử lý"); null otherwise.</param>
public sealed record TaskCompletion(string? Outcome, string? Comment, string? SigningForm, string? NextAssignee);
