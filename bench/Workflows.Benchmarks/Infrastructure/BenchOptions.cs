namespace Workflows.Benchmarks.Infrastructure;

/// <summary>Command-line options of the benchmark program.</summary>
internal sealed record BenchOptions(bool Quick, IReadOnlySet<string>? Only, bool Durable, int PgbenchSeconds, IReadOnlyDictionary<string, string?> Settings,
    int? ExplainMs = null)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Workflows.Benchmarks -- [options]
          --quick            fewer and shorter runs (a smoke run of every scenario, about a minute)
          --only a,b         run only these scenarios: reading, pgbench, approval, parallel, release, reporting-open, reporting-overdue, mail, documents, lists
          --durable          PostgreSQL with fsync and synchronous_commit on (default: fsync off, see README)
          --pgbench-seconds  length of the pgbench run (default 15; 5 with --quick)
          --set key=value    a Host setting for every scenario's Host, e.g. --set Workflows:Distribution:Workers=32 (repeatable)
          --explain MS       profile PostgreSQL: auto_explain (ANALYZE, BUFFERS, nested statements) of every statement over MS ms,
                             and pg_stat_statements' top statements by time after each scenario, in bench/postgres-profile.log
        """;

    /// <summary>Parses the arguments; null and a message on bad input.</summary>
    public static (BenchOptions? Options, string? Error) Parse(string[] args)
    {
        bool quick = false, durable = false;
        HashSet<string>? only = null;
        int? pgbenchSeconds = null, explainMs = null;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--durable": durable = true; break;
                case "--only" when i + 1 < args.Length:
                    only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant())];
                    break;
                case "--pgbench-seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s) && s > 0:
                    pgbenchSeconds = s; i++;
                    break;
                case "--set" when i + 1 < args.Length && args[i + 1].IndexOf('=', StringComparison.Ordinal) > 0:
                    var pair = args[++i].Split('=', 2);
                    settings[pair[0].Trim()] = pair[1].Trim();
                    break;
                case "--explain" when i + 1 < args.Length && int.TryParse(args[i + 1], out var ms) && ms >= 0:
                    explainMs = ms; i++;
                    break;
                case "--help" or "-h": return (null, null);
                default: return (null, $"Unknown or incomplete option '{args[i]}'.");
            }
        }
        return (new BenchOptions(quick, only, durable, pgbenchSeconds ?? (quick ? 5 : 15), settings, explainMs), null);
    }

    /// <summary>True when <paramref name="scenario"/> should run.</summary>
    public bool Runs(string scenario) => Only is null || Only.Contains(scenario);
}
