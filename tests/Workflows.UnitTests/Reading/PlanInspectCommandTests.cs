using System.Text.Json;
using Workflows.Host.Cli;

namespace Workflows.UnitTests.Reading;

public sealed class PlanInspectCommandTests
{
    [Fact]
    public void Plan_inspect_prints_the_json_of_a_seed_plan_and_exits_zero()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PlanInspectCommand.Run(["plan", "inspect", RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt")], stdout, stderr);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("95/KH-PGDĐT", json.RootElement.GetProperty("symbol").GetString());
        Assert.Equal("monthly", json.RootElement.GetProperty("reportingDuties")[0].GetProperty("frequency").GetString());
    }

    [Fact]
    public void Plan_inspect_of_a_damaged_pdf_exits_non_zero_with_the_reason_on_stderr()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.pdf");
        File.WriteAllText(path, "%PDF-1.4\n1 0 obj\n");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = PlanInspectCommand.Run(["plan", "inspect", path], stdout, stderr);
            Assert.NotEqual(0, code);
            Assert.Equal(string.Empty, stdout.ToString());
            Assert.StartsWith("invalid-pdf:", stderr.ToString());
            Assert.Contains("bị hỏng", stderr.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Plan_inspect_of_a_missing_file_exits_non_zero()
    {
        var stderr = new StringWriter();
        Assert.NotEqual(0, PlanInspectCommand.Run(["plan", "inspect", "/nonexistent/plan.txt"], new StringWriter(), stderr));
        Assert.Contains("not found", stderr.ToString());
    }
}
