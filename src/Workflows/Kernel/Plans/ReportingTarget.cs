namespace Workflows.Kernel.Plans;

/// <summary>
/// Who a reporting duty asks: a directory group (by name or id) or a list of directory entries (schools or groups).
/// In JSON an object (<c>{"group": …}</c>, <c>{"groupId": …}</c>, <c>{"entryIds": […]}</c>) or, for a group name, a string.
/// </summary>
/// <param name="Group">Group name or alias, e.g. "Các trường học trực thuộc".</param>
/// <param name="GroupId">Group entry id.</param>
/// <param name="EntryIds">Directory entries (a group among them stands for its members).</param>
public sealed record ReportingTarget(string? Group = null, Guid? GroupId = null, IReadOnlyList<Guid>? EntryIds = null);
