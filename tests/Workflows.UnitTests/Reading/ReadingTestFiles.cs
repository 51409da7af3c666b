using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Reading;

namespace Workflows.UnitTests.Reading;

/// <summary>Locates the seed plans and the sample plans, and reads them.</summary>
internal static class ReadingTestFiles
{
    // Samples are read from the source tree (the test project file is not changed to copy them to the output).
    public static string Sample(string fileName) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Workflows.UnitTests", "Reading", "Samples", fileName);

    public static PlanFields ReadSeed(string fileName) =>
        new PlanReader().Read(File.ReadAllBytes(RepositoryPaths.Plan(fileName)), fileName);

    public static PlanFields ReadSample(string fileName) =>
        new PlanReader().Read(File.ReadAllBytes(Sample(fileName)), fileName);

    public static string Json(PlanFields result) => PlanFieldsJson.SerializeIndented(result);

    public static void Recipients(PlanFields result, params (string Name, string Purposes, RecipientKind Kind)[] expected)
    {
        Assert.Equal(
            expected.Select(e => $"{e.Name} | {e.Purposes} | {e.Kind}"),
            result.Recipients.Select(r => $"{r.Name} | {string.Join(",", r.Purpose)} | {r.Kind}"));
    }
}
