namespace Workflows.Kernel;

/// <summary>The signed-in person acting on the engine.</summary>
/// <param name="UserName">Login name, e.g. <c>truongphong</c>.</param>
/// <param name="FullName">Full name as printed under a signature, e.g. "Trần Nam Hải".</param>
/// <param name="Title">Job title as printed in a signer block, e.g. "PHÓ TRƯỞNG PHÒNG"; null when none.</param>
/// <param name="BodyCode">Code of the issuing body the person works for, e.g. <c>PGDĐT</c>.</param>
/// <param name="Roles">Drafter, Reviewer, Signer, Clerk, Admin (one person may hold several).</param>
public sealed record Actor(string UserName, string FullName, string? Title, string BodyCode, IReadOnlySet<string> Roles)
{
    /// <summary>True when the person holds <paramref name="role"/>.</summary>
    public bool IsIn(string role) => Roles.Contains(role);
}
