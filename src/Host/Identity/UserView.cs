namespace Workflows.Host.Identity;

/// <summary>A user account as the admin sees it (API answer and page rows).</summary>
/// <param name="Id">Identity's user id.</param>
/// <param name="UserName">Login name.</param>
/// <param name="FullName">Full name as printed under a signature.</param>
/// <param name="Title">Job title, e.g. "PHÓ TRƯỞNG PHÒNG"; null when none.</param>
/// <param name="BodyCode">The issuing body the user works for.</param>
/// <param name="Roles">The user's roles, in ordinal order of their names.</param>
/// <param name="State"><c>active</c>, <c>locked</c> (failed sign-ins make some address wait before trying this account again, until <paramref name="LockedUntil"/>; the owner elsewhere is not slowed) or <c>disabled</c> (by an admin, until enabled).</param>
/// <param name="LockedUntil">For <c>locked</c>: when the last such wait ends (UTC); otherwise null.</param>
internal sealed record UserView(string Id, string UserName, string FullName, string? Title, string BodyCode, IReadOnlyList<string> Roles,
    string State, DateTimeOffset? LockedUntil);
