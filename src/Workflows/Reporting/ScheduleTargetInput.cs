namespace Workflows.Reporting;

/// <summary>Who a schedule asks: a directory group (by name or id) or a list of directory entries (schools or groups).</summary>
/// <param name="Group">Group name or alias, e.g. "Các trường học trực thuộc".</param>
/// <param name="GroupId">Group entry id.</param>
/// <param name="EntryIds">School entries (a group among them stands for its members).</param>
public sealed record ScheduleTargetInput(string? Group = null, Guid? GroupId = null, IReadOnlyList<Guid>? EntryIds = null);
