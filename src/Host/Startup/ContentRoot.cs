namespace Workflows.Host.Startup;

/// <summary>
/// Where the Host finds its settings (<c>appsettings.json</c>), static files (<c>wwwroot</c>) and definitions: by
/// default ASP.NET Core looks in the current directory, so a published build started from another folder (a systemd
/// unit's <c>WorkingDirectory</c>, a shell in <c>/</c>) ran without its stylesheet and settings. The published folder
/// (<see cref="AppContext.BaseDirectory"/>) is taken instead when the current directory has no <c>appsettings.json</c>
/// and the published folder has one; an explicit <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> always wins, and
/// <c>dotnet run</c> in <c>src/Host</c> keeps its project folder.
/// </summary>
internal static class ContentRoot
{
    /// <summary>The builder options for <paramref name="args"/>, with the content root chosen as above.</summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"));
        var here = Directory.GetCurrentDirectory();
        var published = AppContext.BaseDirectory;
        var usePublished = !explicitRoot
            && !File.Exists(Path.Combine(here, "appsettings.json"))
            && File.Exists(Path.Combine(published, "appsettings.json"));
        return new WebApplicationOptions { Args = args, ContentRootPath = usePublished ? published : null };
    }
}
