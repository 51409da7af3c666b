namespace Workflows.Host.Identity;

/// <summary>
/// What a password change came to when it was not refused for its input: done, or not even tried because the account
/// name from this address must wait (the sign-in's growing delay) or the name is over its per-minute limit.
/// </summary>
/// <param name="Changed">True: the password was changed, the user's other sessions ended, this one renewed.</param>
/// <param name="RetryAfter">When not changed, how long to wait before trying again.</param>
internal sealed record PasswordChangeOutcome(bool Changed, TimeSpan RetryAfter)
{
    /// <summary>The wait in whole seconds, rounded up, at least one.</summary>
    public int Seconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>The Vietnamese sentence for the user.</summary>
    public string Message => Changed
        ? "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."
        : $"Nhập sai mật khẩu nhiều lần; hãy chờ {Seconds} giây rồi thử lại.";
}
