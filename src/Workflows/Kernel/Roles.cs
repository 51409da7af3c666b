namespace Workflows.Kernel;

/// <summary>
/// The roles of the office, the only place their names are written: in C#, in Razor pages, in authorization
/// policies, in the seeded accounts and in the roles a workflow definition's human task may name. The names are
/// stored as ASP.NET Core Identity role names and appear in the workflow definitions' JSON (<c>"role"</c>), so
/// they never change; <see cref="DisplayName"/> gives the Vietnamese words shown to users.
/// </summary>
public static class Roles
{
    /// <summary>Chuyên viên: drafts a plan and corrects it when it is returned.</summary>
    public const string Drafter = "Drafter";

    /// <summary>Lãnh đạo kiểm tra: checks a draft before it is signed.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Lãnh đạo ký: signs a plan for issuing (the head, or a deputy signing <c>KT.</c>).</summary>
    public const string Signer = "Signer";

    /// <summary>Văn thư: numbers, registers and releases a signed plan and chooses its recipients.</summary>
    public const string Clerk = "Clerk";

    /// <summary>Quản trị: manages users, the directory and the settings.</summary>
    public const string Admin = "Admin";

    /// <summary>Every role, in the order the administration page lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Drafter, Reviewer, Signer, Clerk, Admin];

    /// <summary>The role in Vietnamese words as shown in the UI, e.g. "Văn thư" for <see cref="Clerk"/>; an unknown name is returned as it is.</summary>
    /// <param name="role">A role name, one of <see cref="All"/>.</param>
    public static string DisplayName(string role) => role switch
    {
        Drafter => "Chuyên viên soạn thảo",
        Reviewer => "Lãnh đạo kiểm tra",
        Signer => "Lãnh đạo ký",
        Clerk => "Văn thư",
        Admin => "Quản trị",
        _ => role,
    };
}
