using System.Text.RegularExpressions;

namespace Workflows.UnitTests.Architecture;

/// <summary>
/// Facts about where persistence lives, read from the source: SQL that writes a table appears only in the folder of the
/// table's owner, and the namespaces under <c>src/Workflows</c> form no cycle. Each fact is checked against a sample
/// that breaks it, so it can fail.
/// </summary>
public sealed partial class PersistenceOwnershipTests
{
    /// <summary>Each table and the one folder (relative to the repository root) whose code may write it.</summary>
    private static readonly IReadOnlyDictionary<string, string> Owners = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["plans"] = "src/Workflows/Plans",
        ["outgoing_messages"] = "src/Workflows/Distribution",
        ["directory_entries"] = "src/Workflows/Distribution",
        ["directory_members"] = "src/Workflows/Distribution",
        ["plan_recipient_choices"] = "src/Workflows/Distribution",
        ["plan_release_recipients"] = "src/Workflows/Distribution",
        ["issuance_counters"] = "src/Workflows/Issuance",
        ["audit_log"] = "src/Workflows/Audit",
        ["audit_seals"] = "src/Workflows/Audit",
        ["audit_sealing"] = "src/Workflows/Audit",
        ["workflow_instances"] = "src/Workflows/Engine",
        ["human_tasks"] = "src/Workflows/Engine",
        ["workflow_definitions"] = "src/Workflows/Definitions",
        ["reporting_schedules"] = "src/Workflows/Reporting",
        ["reporting_periods"] = "src/Workflows/Reporting",
        ["reporting_steps_done"] = "src/Workflows/Reporting",
        ["report_requests"] = "src/Workflows/Reporting",
        ["report_token_history"] = "src/Workflows/Reporting",
        ["report_submissions"] = "src/Workflows/Reporting/Submissions",
        ["report_submission_files"] = "src/Workflows/Reporting/Submissions",
        ["schema_migrations"] = "src/Workflows/Storage",
        ["data_protection_keys"] = "src/Workflows/Storage",
        ["issued_documents"] = "src/Workflows/Plans/Documents",
        ["signing_keys"] = "src/Workflows/Plans/Documents",
        ["auth_sessions"] = "src/Workflows/Access",
        ["sign_in_failures"] = "src/Workflows/Access",
        ["release_receipts"] = "src/Workflows/Distribution/Receipts",
        ["plan_recalls"] = "src/Workflows/Issuance",
        ["delegations"] = "src/Workflows/Delegation",
        ["notification_preferences"] = "src/Workflows/Notifications",
        ["task_timers"] = "src/Workflows/TaskTimers",
    };

    [Fact]
    public void Sql_that_writes_a_table_appears_only_in_the_folder_of_its_owner()
    {
        var root = Root();
        var misplaced = new List<string>();
        foreach (var file in SourceFiles(root))
        {
            var folder = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
            foreach (var table in WrittenTables(File.ReadAllText(file)))
            {
                if (!Owners.TryGetValue(table, out var owner)) misplaced.Add($"{folder}/{Path.GetFileName(file)} writes {table}, which has no owner in the map");
                else if (folder != owner) misplaced.Add($"{folder}/{Path.GetFileName(file)} writes {table}, owned by {owner}");
            }
        }
        Assert.Empty(misplaced);
    }

    [Fact]
    public void The_write_detector_sees_inserts_updates_deletes_and_upserts_but_not_locks_or_reads()
    {
        Assert.Equal(["plans"], WrittenTables("""work.Queue("UPDATE plans SET status = $1 WHERE id = $2")"""));
        Assert.Equal(["outgoing_messages"], WrittenTables("INSERT INTO outgoing_messages (id) VALUES ($1)"));
        Assert.Equal(["audit_log"], WrittenTables("DELETE FROM audit_log WHERE seq = 1"));
        Assert.Equal(["issuance_counters"], WrittenTables("INSERT INTO issuance_counters (year) VALUES (1) ON CONFLICT (year) DO UPDATE SET last_number = 2"));
        Assert.Equal(["report_requests"], WrittenTables("UPDATE report_requests r SET overdue_at = now()"));
        Assert.Empty(WrittenTables("SELECT id FROM plans p WHERE id = @id FOR UPDATE OF p SKIP LOCKED"));
        Assert.Empty(WrittenTables("/// <summary>Updates the plan and inserts its record.</summary>"));
    }

    [Fact]
    public void The_namespaces_under_src_Workflows_form_no_cycle()
    {
        var graph = NamespaceGraph(SourceFiles(Root()).Where(f => f.Contains($"src{Path.DirectorySeparatorChar}Workflows{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        Assert.Empty(Cycles(graph));
    }

    [Fact]
    public void The_cycle_detector_finds_a_cycle_of_two_namespaces_through_a_using_and_a_qualified_name()
    {
        var graph = NamespaceGraph([
            "using Workflows.Plans;\nnamespace Workflows.Engine;\nclass A {}",
            "namespace Workflows.Plans;\nclass B { Engine.A a; }",
            "namespace Workflows.Storage;\nclass C {}",
        ]);
        Assert.Equal(["Engine", "Plans"], Cycles(graph).Single().Order(StringComparer.Ordinal));
        Assert.Empty(Cycles(NamespaceGraph(["using Workflows.Storage;\nnamespace Workflows.Engine;\nclass A {}", "namespace Workflows.Storage;\nclass C {}"])));
    }

    /// <summary>The tables written by the SQL in <paramref name="source"/> (upper-case keywords, as the code writes them).</summary>
    internal static IReadOnlyList<string> WrittenTables(string source) =>
        Writes().Matches(source).Select(m => m.Groups["table"].Value).Where(t => t != "SET").Distinct().ToList();

    /// <summary>For each top-level namespace under <c>Workflows</c>, the top-level namespaces it uses (by <c>using</c> or a qualified name).</summary>
    internal static IReadOnlyDictionary<string, HashSet<string>> NamespaceGraph(IEnumerable<string> sources)
    {
        var files = sources.Select(s => (Source: s, Namespace: NamespaceOf().Match(s))).Where(f => f.Namespace.Success).ToList();
        var names = files.Select(f => Top(f.Namespace.Groups[1].Value)).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var qualified = new Regex(@"(?<![\w.])(" + string.Join("|", names) + @")\.[A-Z]\w*");
        foreach (var (source, ns) in files)
        {
            if (Top(ns.Groups[1].Value) is not { } from) continue;
            var code = Comments().Replace(source, "");
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (Match u in Usings().Matches(code)) uses.Add(u.Groups[1].Value);
            foreach (Match q in qualified.Matches(code)) uses.Add(q.Groups[1].Value);
            uses.Remove(from);
        }
        return graph;
    }

    /// <summary>The strongly connected groups of more than one namespace (Tarjan).</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var node in graph.Keys.Where(n => !index.ContainsKey(n)).ToList()) Visit(node);
        return cycles;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] != index[node]) return;
            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                group.Add(member);
            }
            while (member != node);
            if (group.Count > 1) cycles.Add(group);
        }
    }

    private static string? Top(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length > 1 && parts[0] == "Workflows" && parts[1] is not ("Host" or "Tests" or "UnitTests" or "IntegrationTests" or "BrowserTests" or "Benchmarks")
            ? parts[1] : null;
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflows.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Workflows.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?:INSERT\s+INTO|(?<!(?:FOR|DO)\s)UPDATE|DELETE\s+FROM)\s+(?<table>[a-z_][a-z0-9_]*)\b(?:\s+(?:AS\s+)?[a-z]\w*)?\s+(?:\(|SET\b|VALUES\b|SELECT\b|WHERE\b|USING\b|DEFAULT\b|$)", RegexOptions.Multiline)]
    private static partial Regex Writes();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceOf();

    [GeneratedRegex(@"^\s*using\s+Workflows\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Usings();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comments();
}
