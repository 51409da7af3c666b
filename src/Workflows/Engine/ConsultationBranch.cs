namespace Workflows.Engine;

/// <summary>One branch of a plan's parallel consultation as the plan page and <c>GET /api/plans/{id}/consultation</c> show it.</summary>
/// <param name="Branch">Branch id in the definition, e.g. <c>to-chuc-can-bo</c>.</param>
/// <param name="Name">Vietnamese branch name, e.g. "Ý kiến Phòng Tổ chức cán bộ".</param>
/// <param name="Role">Role code whose holders in the plan's body answer it, e.g. <c>ConsultTCCB</c>.</param>
/// <param name="RoleName">The role's Vietnamese name (the unit or office that answers).</param>
/// <param name="State"><c>open</c> (waiting for an answer), <c>completed</c> (answered) or <c>cancelled</c> (closed by the join
/// before it answered).</param>
/// <param name="Who">Login name of who answered, or of who holds the open branch; null while it waits in the role's queue.</param>
/// <param name="OnBehalfOf">The person a delegate answers for; null otherwise.</param>
/// <param name="Outcome"><c>agree</c> or <c>return</c> once answered; null otherwise.</param>
/// <param name="Comment">The branch's comment (required with a return); null when none.</param>
/// <param name="AnsweredAt">When it was answered or closed (UTC); null while open.</param>
internal sealed record ConsultationBranch(
    string Branch, string Name, string Role, string RoleName, string State, string? Who, string? OnBehalfOf, string? Outcome, string? Comment,
    DateTimeOffset? AnsweredAt);
