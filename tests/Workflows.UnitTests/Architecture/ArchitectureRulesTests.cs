namespace Workflows.UnitTests.Architecture;

/// <summary>Each architecture rule fails on a planted violation and lets comments, docs and prose pass.</summary>
public sealed class ArchitectureRulesTests
{
    private static SourceFile Cs(string path, string text) => SourceFile.FromText(path, text);

    [Fact]
    public void A_role_name_in_a_literal_outside_Roles_is_reported_with_its_file_and_line()
    {
        var file = Cs("src/Host/Pages/X.cshtml.cs", "class X\n{\n    bool M(Actor a) => a.IsIn(\"Clerk\");\n}\n");
        Assert.Equal(["src/Host/Pages/X.cshtml.cs:3: \"Clerk\""], ArchitectureRules.RoleNamesOutsideRoles([file]));
    }

    [Theory]
    [InlineData("[Authorize(Roles = \"Drafter,Clerk\")] class X;")]
    [InlineData("class X { string S = @\"Admin\"; }")]
    [InlineData("class X { string S = $\"{(true ? \"Signer\" : \"\")}\"; }")]
    [InlineData("class X { string S = \"\"\"\n    Reviewer\n    \"\"\"; }")]
    [InlineData("class X { string S = \"SELECT 1 FROM users WHERE role = 'Clerk'\"; }")]
    public void A_role_name_is_found_in_every_form_of_literal(string code)
    {
        Assert.Single(ArchitectureRules.RoleNamesOutsideRoles([Cs("src/Workflows/X.cs", code)]));
    }

    [Fact]
    public void A_role_name_in_a_Razor_page_is_reported()
    {
        var page = SourceFile.FromText("src/Host/Pages/X.cshtml", "@* \"Admin\" in a comment *@\n@if (Model.Actor.IsIn(\"Admin\"))\n{\n    <a>Quản trị</a>\n}\n");
        Assert.Equal(["src/Host/Pages/X.cshtml:2: \"Admin\""], ArchitectureRules.RoleNamesOutsideRoles([page]));
    }

    [Fact]
    public void Role_names_in_comments_docs_prose_and_Roles_itself_pass()
    {
        var files = new[]
        {
            Cs("src/Workflows/Reading/R.cs", "/// <param name=\"Signer\">The signature block.</param>\n// \"Admin\"\n/* \"Clerk\" */\nrecord R(string Signer, char C = '\"');\nclass S { string T = \"Văn thư (Clerk) xử lý\"; }\n"),
            Cs(ArchitectureRules.RolesFile, "public static class Roles { public const string Clerk = \"Clerk\"; }"),
        };
        Assert.Empty(ArchitectureRules.RoleNamesOutsideRoles(files));
    }

    [Theory]
    [InlineData("src/Host/Pages/X.cshtml.cs", "class X : UiPage\n{\n    public bool Shows => Actor.IsIn(Roles.Clerk);\n}\n", 3)]
    [InlineData("src/Host/Pages/X.cshtml", "@* Roles.Admin in a comment *@\n<p>x</p>\n@if (User.IsInRole(Workflows.Kernel.Roles.Admin)) { <a>Quản trị</a> }\n", 3)]
    [InlineData("src/Host/Api/XEndpoints.cs", "class X\n{\n    void M(RouteGroupBuilder g) => g.MapGet(\"/\", () => 1).RequireAuthorization(p => p.RequireRole(\"x\"));\n}\n", 3)]
    [InlineData("src/Host/Reporting/XExtensions.cs", "class X\n{\n    void M(RouteGroupBuilder g) => g.MapPost(\"/\", (HttpContext h) =>\n        h.User.ToActor().IsIn(role));\n}\n", 4)]
    [InlineData("src/Host/Operations/XExtensions.cs", "class X\n{\n    void M(WebApplication a) => a.MapHealthChecks(\"/h\", new() { ResponseWriter = (c, r) =>\n        c.User.IsInRole(Roles.Admin) ? W(c, r) : V(c) });\n}\n", 4)]
    public void A_role_check_in_a_page_or_an_endpoint_is_reported_with_its_line(string path, string code, int line)
    {
        var found = ArchitectureRules.RoleChecksIn(ArchitectureRules.Adapters([Cs(path, code)])).ToList();
        Assert.NotEmpty(found);
        Assert.All(found, f => Assert.StartsWith($"{path}:{line}: ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Showing_roles_asking_a_use_case_and_Host_files_mapping_no_endpoint_pass()
    {
        var files = new[]
        {
            Cs("src/Host/Pages/Shared/_Layout.cshtml", "@if (Workflows.Issuance.ReleaseQueue.MayRelease(actor)) { <a>Phát hành</a> }\n<span>@string.Join(\", \", actor.Roles.Order())</span>\n@Roles.DisplayName(step.Role)\n"),
            Cs("src/Host/Api/XEndpoints.cs", "// Roles.Clerk may, says a comment\nclass X { string S = \"IsInRole(Admin)\"; }\n"),
            Cs("src/Host/Identity/UserAdministration.cs", "class U { bool M(Actor a) => a.IsIn(Roles.Admin); }\n"),
        };
        Assert.Empty(ArchitectureRules.RoleChecksIn(ArchitectureRules.Adapters(files)));
        Assert.Equal(2, ArchitectureRules.Adapters(files).Count());
    }

    [Theory]
    [InlineData("SELECT id FROM plans WHERE id = @id")]
    [InlineData("SELECT 1")]
    [InlineData("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)")]
    [InlineData("UPDATE plans p SET status = 'released'")]
    [InlineData("DELETE FROM outgoing_messages")]
    [InlineData("CREATE DATABASE \"workflows\"")]
    public void A_SQL_statement_in_a_Host_literal_is_reported(string sql)
    {
        var raw = "class Q\n{\n    const string Sql = \"\"\"\n        " + sql + "\n        \"\"\";\n}\n";
        Assert.Single(ArchitectureRules.SqlIn([Cs("src/Host/Ui/Q.cs", raw)]));
        Assert.Single(ArchitectureRules.SqlIn([Cs("src/Host/Ui/Q.cs", "class Q { string S = $\"" + sql.Replace("\"", "\\\"") + "\"; }")]));
    }

    [Fact]
    public void Prose_that_mentions_selecting_or_updating_is_not_SQL()
    {
        var file = Cs("src/Host/Ui/T.cs", "class T { string A = \"Select a school\"; string B = \"Update the plan, then delete it\"; string C = \"<select>\"; }");
        Assert.Empty(ArchitectureRules.SqlIn([file]));
    }

    [Fact]
    public void The_SQL_of_the_workflows_project_is_recognised_so_an_empty_Host_answer_means_something()
    {
        Assert.NotEmpty(ArchitectureRules.SqlIn(SourceTree.Sources.Under("src/Workflows")));
    }

    [Fact]
    public void The_tables_a_statement_writes_are_named_without_schema_alias_or_upsert_words()
    {
        Assert.Equal(["plans"], SqlText.WrittenTables("UPDATE public.plans p SET status = 'x' WHERE id = @id"));
        Assert.Equal(["audit_log"], SqlText.WrittenTables("INSERT INTO audit_log (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2"));
        Assert.Equal(["outgoing_messages"], SqlText.WrittenTables("SELECT id FROM outgoing_messages FOR UPDATE SKIP LOCKED; DELETE FROM outgoing_messages"));
        Assert.Empty(SqlText.WrittenTables("SELECT id FROM plans"));
    }

    [Theory]
    [InlineData("using Workflows.Reporting;\n\nnamespace Workflows.Reading;\n\nrecord D(ReportingFrequency F);\n", "Workflows.Reporting")]
    [InlineData("namespace Workflows.Reading;\n\nrecord D(Reporting.ReportingFrequency F);\n", "Workflows.Reporting")]
    [InlineData("namespace Workflows.Reading;\n\nrecord D(global::Workflows.Reporting.ReportingFrequency F);\n", "Workflows.Reporting")]
    [InlineData("namespace Workflows.Reading;\n\nrecord D(Workflows.Reporting.Status.ReportingStatusQueries F);\n", "Workflows.Reporting.Status")]
    public void A_pure_feature_importing_another_feature_is_reported(string code, string imported)
    {
        var file = Cs("src/Workflows/Reading/D.cs", code);
        Assert.Equal([$"src/Workflows/Reading/D.cs: uses {imported}"], ArchitectureRules.ImportsBeyond([file], Known, "Workflows", "Workflows.Kernel"));
    }

    [Fact]
    public void Kernel_its_own_namespace_outside_libraries_and_text_pass()
    {
        var file = Cs("src/Workflows/Reading/D.cs",
            "using System.Text;\nusing Workflows.Kernel;\nusing Workflows.Reading.Docx;\n\nnamespace Workflows.Reading;\n\n/// <see cref=\"Workflows.Reporting.X\"/>\nrecord D(ReportingFrequency F, Path P) { string S = \"Reporting.Schedules\"; }\n");
        Assert.Empty(ArchitectureRules.ImportsBeyond([file], Known, "Workflows", "Workflows.Kernel"));
    }

    [Theory]
    [InlineData("var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));")]
    [InlineData("var local = now.ToOffset(TimeSpan.FromHours(7));")]
    [InlineData("var offset = new TimeSpan(7, 0, 0);")]
    [InlineData("var zone = TimeZoneInfo.FindSystemTimeZoneById(\"Asia/Ho_Chi_Minh\");")]
    [InlineData("const string Sql = \"SELECT (@now AT TIME ZONE 'Asia/Ho_Chi_Minh')::date\";")]
    public void Ad_hoc_Vietnam_time_outside_Kernel_is_reported(string statement)
    {
        var file = Cs("src/Workflows/Distribution/M.cs", "class M\n{\n    void F()\n    {\n        " + statement + "\n    }\n}\n");
        Assert.Single(ArchitectureRules.VietnamTimeOutsideKernel([file]));
    }

    [Fact]
    public void Vietnam_time_named_in_a_comment_or_computed_in_VietnamTime_passes()
    {
        var files = new[]
        {
            Cs("src/Workflows/Calendar/C.cs", "/// Vietnam time (Asia/Ho_Chi_Minh, UTC+7).\nclass C { TimeSpan T = TimeSpan.FromHours(17); }\n"),
            Cs(ArchitectureRules.VietnamTimeFile, "static class VietnamTime { static readonly TimeSpan Offset = TimeSpan.FromHours(7); }"),
        };
        Assert.Empty(ArchitectureRules.VietnamTimeOutsideKernel(files));
    }

    private static readonly string[] Known =
        ["Workflows", "Workflows.Kernel", "Workflows.Reading", "Workflows.Reading.Docx", "Workflows.Reporting", "Workflows.Reporting.Status"];
}
