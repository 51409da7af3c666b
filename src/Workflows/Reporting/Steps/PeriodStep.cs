namespace Workflows.Reporting.Steps;

/// <summary>One step of one reporting period at its instant: what a delayed job of the scheduler stands for.</summary>
/// <param name="PeriodId">The period (<c>reporting_periods.id</c>).</param>
/// <param name="Step">The step's id in the period's <c>report-submission</c> definition, e.g. <c>request</c>, <c>remind-3</c>, <c>overdue</c>.</param>
/// <param name="At">When it runs, in UTC (Vietnam working days and Bộ luật Dân sự 2015, Điều 148, already applied).</param>
public sealed record PeriodStep(Guid PeriodId, string Step, DateTimeOffset At);
