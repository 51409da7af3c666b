namespace Workflows.Host.Startup;

/// <summary>Where the Host finds its folders when configuration does not say.</summary>
internal static class HostPaths
{
    /// <summary>The repository root (the folder holding Workflows.sln) above <paramref name="start"/>, or <paramref name="start"/> itself.</summary>
    public static string RepositoryRoot(string start) => RepositoryLayout.FindRoot(start) ?? start;

    /// <summary>The workflow definitions folder: <c>Workflows:DefinitionsDirectory</c>, else <c>workflows-definitions</c> at the repository root.</summary>
    public static string Definitions(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Workflows:DefinitionsDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(RepositoryRoot(environment.ContentRootPath), "workflows-definitions");
}
