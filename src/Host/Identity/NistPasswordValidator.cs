using Microsoft.AspNetCore.Identity;

namespace Workflows.Host.Identity;

/// <summary>
/// The password rules of NIST SP 800-63B (section 5.1.1.2, memorized secrets) beyond the length Identity checks
/// (<see cref="MinimumLength"/> characters, no composition rules): refuses a password that contains the user name, and
/// one found in the list of the most common passwords shipped with the Host (<c>Identity/common-passwords.txt</c>, its
/// source named in its header), compared case-insensitively. Each refusal is a Vietnamese sentence with an Identity
/// code starting <c>Password</c>, so it lands on the password field.
/// </summary>
internal sealed class NistPasswordValidator : IPasswordValidator<WorkflowUser>
{
    /// <summary>The shortest password accepted (NIST asks at least 8; this office asks 12).</summary>
    public const int MinimumLength = 12;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>How many passwords the shipped list holds.</summary>
    public static int CommonCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<WorkflowUser> manager, WorkflowUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success); // Identity's length rule answers
        var errors = new List<IdentityError>();
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "Mật khẩu không được chứa tên đăng nhập." });
        if (Common.Value.Contains(password))
            errors.Add(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "Mật khẩu này nằm trong danh sách mật khẩu phổ biến mà kẻ gian thử trước tiên; hãy chọn một cụm từ khác dễ nhớ với bạn.",
            });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(NistPasswordValidator).Assembly.GetManifestResourceStream("Workflows.Host.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded in the Host.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    }
}
