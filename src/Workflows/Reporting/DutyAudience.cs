namespace Workflows.Reporting;

/// <summary>
/// Who a reporting duty binds, as its reporter resolves in the directory (see <see cref="DutyAudiences"/>).
/// </summary>
/// <param name="Kind"><see cref="Requests"/> (schools or other outside bodies: a reporting schedule with its report requests)
/// or <see cref="Internal"/> (a unit, the leaders or the office itself: reminders to that unit, never a request to a school).</param>
/// <param name="TargetJson">The target as stored on a schedule: <c>{"groupId": …, "group": …}</c> or <c>{"entryIds": […]}</c>.</param>
/// <param name="Members">The entries with an address it reaches (groups expanded), by name.</param>
/// <param name="ResolvedFrom">How it was found: <c>target</c> (the drafter's or clerk's explicit choice), <c>default</c>
/// (no reporter: the configured group), <c>reporter</c> (the reporter text matched the directory) or <c>own-body</c>
/// (the reporter names the issuing body itself: its leaders group).</param>
internal sealed record DutyAudience(string Kind, string TargetJson, IReadOnlyList<TargetMember> Members, string ResolvedFrom)
{
    /// <summary>Report requests to schools or outside bodies.</summary>
    public const string Requests = "requests";

    /// <summary>An internal task of the office's own unit: reminders, no request.</summary>
    public const string Internal = "internal";
}
