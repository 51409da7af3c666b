namespace Workflows.Host.Identity;

/// <summary>
/// What a sign-in attempt came to, with the one sentence shown for it. An unknown account name and a wrong password
/// are the same <see cref="SignInKind.Refused"/>; <see cref="SignInKind.Disabled"/> is said only to someone who gave
/// the right password.
/// </summary>
/// <param name="Kind">The outcome.</param>
/// <param name="RetryAfter">For <see cref="SignInKind.TooSoon"/>, how long to wait (whole seconds, at least one).</param>
internal sealed record SignInOutcome(SignInKind Kind, TimeSpan RetryAfter)
{
    /// <summary>The Vietnamese sentence for the user.</summary>
    public string Message => Kind switch
    {
        SignInKind.Succeeded => "Đã đăng nhập.",
        SignInKind.Disabled => "Tài khoản đã bị vô hiệu hóa; liên hệ quản trị của cơ quan.",
        SignInKind.TooSoon => $"Đăng nhập sai nhiều lần; hãy chờ {Seconds} giây rồi thử lại.",
        _ => "Tên đăng nhập hoặc mật khẩu không đúng.",
    };

    /// <summary>The wait in whole seconds, rounded up, at least one.</summary>
    public int Seconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>The HTTP status the API answers: 200, 401, 403, or 429 with <c>Retry-After</c>.</summary>
    public int Status => Kind switch
    {
        SignInKind.Succeeded => StatusCodes.Status200OK,
        SignInKind.Disabled => StatusCodes.Status403Forbidden,
        SignInKind.TooSoon => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status401Unauthorized,
    };
}

/// <summary>The kinds of <see cref="SignInOutcome"/>.</summary>
internal enum SignInKind
{
    /// <summary>Signed in: the cookie is set.</summary>
    Succeeded,

    /// <summary>Unknown account name or wrong password (never told apart).</summary>
    Refused,

    /// <summary>The right password of an account an admin disabled.</summary>
    Disabled,

    /// <summary>Too many attempts: from this address for this name (growing delay), or for this name or address in the last minute.</summary>
    TooSoon,
}
