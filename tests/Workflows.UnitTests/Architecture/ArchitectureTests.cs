namespace Workflows.UnitTests.Architecture;

/// <summary>
/// The architecture of issue 11, checked on the source files under <c>src/</c>: who may write role names, where SQL
/// may live, who computes Vietnam time, and what the pure features may import. Each rule's own tests (<see cref="ArchitectureRulesTests"/>) show
/// it fails on a planted violation.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void A_role_name_is_written_nowhere_but_Kernel_Roles()
    {
        Assert.Contains(SourceTree.Sources, f => f.Path == ArchitectureRules.RolesFile);
        Assert.Empty(ArchitectureRules.RoleNamesOutsideRoles(SourceTree.Sources));
    }

    [Fact]
    public void The_tests_name_roles_through_Kernel_Roles_too()
    {
        var tests = SourceTree.Tests.ToList();
        Assert.Contains(tests, f => f.Path == "tests/Workflows.UnitTests/Architecture/ArchitectureTests.cs");
        // The rules' own tests plant violations on purpose.
        Assert.Empty(ArchitectureRules.RoleNamesOutsideRoles(tests.Where(f => !f.Path.EndsWith("/ArchitectureRulesTests.cs", StringComparison.Ordinal))));
    }

    [Fact]
    public void Pages_and_endpoints_ask_the_use_cases_rules_and_check_no_role_themselves()
    {
        var adapters = ArchitectureRules.Adapters(SourceTree.Sources).ToList();
        Assert.Contains(adapters, f => f.Path == "src/Host/Pages/PhatHanh.cshtml.cs");
        Assert.Contains(adapters, f => f.Path == "src/Host/Api/TaskEndpoints.cs");
        Assert.Contains(adapters, f => f.Path == "src/Host/Register/RegisterEndpoints.cs");
        Assert.Contains(adapters, f => f.Path == "src/Host/Operations/OperationsExtensions.cs");
        Assert.Contains(adapters, f => f.Path == "src/Host/Pages/Shared/_Layout.cshtml");
        Assert.Empty(ArchitectureRules.RoleChecksIn(adapters));
    }

    [Fact]
    public void The_Host_holds_no_SQL()
    {
        var host = SourceTree.Sources.Under("src/Host").ToList();
        Assert.NotEmpty(host);
        Assert.Empty(ArchitectureRules.SqlIn(host));
    }

    [Fact]
    public void Vietnam_time_is_computed_nowhere_but_Kernel_VietnamTime()
    {
        Assert.Contains(SourceTree.Sources, f => f.Path == ArchitectureRules.VietnamTimeFile);
        Assert.Empty(ArchitectureRules.VietnamTimeOutsideKernel(SourceTree.Sources));
    }

    [Theory]
    [InlineData("src/Workflows/Reading")]
    [InlineData("src/Workflows/Calendar")]
    public void A_pure_feature_imports_nothing_of_Workflows_but_Kernel(string folder)
    {
        var files = SourceTree.Sources.Under(folder).ToList();
        Assert.NotEmpty(files);
        Assert.Empty(ArchitectureRules.ImportsBeyond(files, SourceTree.Namespaces, "Workflows", "Workflows.Kernel"));
    }
}
