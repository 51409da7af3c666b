namespace Workflows.Testing;

/// <summary>Locates the repository and the shared folder beside it (../shared), as CI lays them out.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedPlans => Path.GetFullPath(Path.Combine(Root, "..", "shared", "plans"));

    public static string Definitions => Path.Combine(Root, "workflows-definitions");

    public static string Plan(string fileName) => Path.Combine(SharedPlans, fileName);

    private static string FindRoot() =>
        RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
}
