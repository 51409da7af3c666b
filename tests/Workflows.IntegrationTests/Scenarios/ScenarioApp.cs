namespace Workflows.IntegrationTests.Scenarios;

/// <summary>A Host whose definitions folder holds the repository's definitions (without the selection rules, so that any definition may be named) plus one scenario definition of
/// <c>Scenarios/Definitions</c>.</summary>
internal static class ScenarioApp
{
    public static WorkflowsApp With(string scenarioFile, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null,
        IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("scenario-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Definitions, "*.json").Where(f => !f.EndsWith("definition-rules.json", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Workflows.IntegrationTests", "Scenarios", "Definitions", scenarioFile), Path.Combine(folder, scenarioFile));
        return new WorkflowsApp(definitionsDirectory: folder, clock: clock, settings: settings);
    }
}
