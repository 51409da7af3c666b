namespace Workflows.Host.Identity;

/// <summary>A signed-in user's own password change (<c>POST /api/account/password</c>, the page <c>/doi-mat-khau</c>).</summary>
/// <param name="CurrentPassword">The password the user signs in with now.</param>
/// <param name="NewPassword">The new password: at least 12 characters, not containing the user name, not a common password (NIST SP 800-63B, <see cref="NistPasswordValidator"/>), not the current one.</param>
/// <param name="ConfirmPassword">The new password typed again; must equal <paramref name="NewPassword"/>.</param>
internal sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);
