namespace Workflows.Host.Identity;

/// <summary>
/// What the admin sends to create or change a user. On a change, a null member keeps the stored value; on creation
/// <see cref="UserName"/>, <see cref="FullName"/> and <see cref="Password"/> are required.
/// </summary>
/// <param name="UserName">Login name (creation only; letters without diacritics, digits and <c>- . _ @ +</c>).</param>
/// <param name="FullName">Full name.</param>
/// <param name="Title">Job title; empty text removes it.</param>
/// <param name="Roles">The roles the user should have, replacing the current ones; unknown names are refused.</param>
/// <param name="Password">The initial password (creation only; NIST SP 800-63B: at least 12 characters, not containing the user name, not a common password).</param>
internal sealed record UserInput(string? UserName, string? FullName, string? Title, IReadOnlyList<string>? Roles, string? Password);
