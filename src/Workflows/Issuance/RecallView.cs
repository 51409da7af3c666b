namespace Workflows.Issuance;

/// <summary>A plan's recall as the plan page, the register and the API show it.</summary>
/// <param name="PlanId">The recalled plan.</param>
/// <param name="Kind"><c>recall</c> (thu hồi) or <c>replace</c> (thay thế).</param>
/// <param name="Reason">Why.</param>
/// <param name="ReplacedBy">The plan that replaces it, or null.</param>
/// <param name="ReplacedBySymbol">That plan's number and symbol, e.g. <c>07/KH-PGDĐT</c>, or null.</param>
/// <param name="RecalledBy">Who recalled it (user name).</param>
/// <param name="RecalledAt">When (UTC).</param>
/// <param name="Notices">Recall notices queued (one per recipient address that the plan reached or was on its way to).</param>
/// <param name="MessagesWithdrawn">Messages of the plan that had not left yet and never will.</param>
/// <param name="SchedulesCancelled">Reporting schedules of the plan stopped.</param>
public sealed record RecallView(Guid PlanId, string Kind, string Reason, Guid? ReplacedBy, string? ReplacedBySymbol, string RecalledBy,
    DateTimeOffset RecalledAt, int Notices = 0, int MessagesWithdrawn = 0, int SchedulesCancelled = 0);
