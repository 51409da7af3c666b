namespace Workflows.Reporting;

/// <summary>A checked schedule rule, stored as <c>reporting_schedules.rule</c> (JSON, web names).</summary>
/// <param name="DueDay">Day of the month of the due day (1–31), or null for a <c>once</c> report dated by <paramref name="DueDate"/>.</param>
/// <param name="Months">Months of the due day (monthly: 1–12).</param>
/// <param name="DueDate">The due day of a <c>once</c> report.</param>
/// <param name="OpenDaysBeforeDue">Calendar days from opening to the due day.</param>
/// <param name="CutOffFrom">For <c>once</c>: first day of data.</param>
/// <param name="CutOffTo">For <c>once</c>: last day of data.</param>
public sealed record ScheduleRule(int? DueDay, IReadOnlyList<int> Months, DateOnly? DueDate, int OpenDaysBeforeDue, DateOnly? CutOffFrom, DateOnly? CutOffTo);
