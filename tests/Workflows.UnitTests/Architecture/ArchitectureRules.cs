using System.Text.RegularExpressions;
using Workflows.Kernel;

namespace Workflows.UnitTests.Architecture;

/// <summary>
/// The rules of the architecture as functions of source files, each returning its violations as readable lines
/// (<c>path:line: what</c>), empty when the rule holds. The facts run them on <see cref="SourceTree.Sources"/>; their
/// own tests run them on planted samples to show each can fail.
/// </summary>
internal static partial class ArchitectureRules
{
    /// <summary>Where role names are written: the one file allowed to.</summary>
    public const string RolesFile = "src/Workflows/Kernel/Roles.cs";

    /// <summary>
    /// Literals that write a role name outside <see cref="RolesFile"/>: a literal that is a role name or a
    /// comma-separated list of them (<c>"Clerk"</c>, <c>"Drafter,Clerk"</c> as in <c>[Authorize(Roles = …)]</c>), or
    /// that quotes one for SQL (<c>'Clerk'</c>). Comments and XML docs are not literals.
    /// </summary>
    public static IEnumerable<string> RoleNamesOutsideRoles(IEnumerable<SourceFile> files)
    {
        var name = string.Join("|", Roles.All.Select(Regex.Escape));
        var list = new Regex($@"^\s*(?:{name})(?:\s*,\s*(?:{name}))*\s*$");
        var quoted = new Regex($@"'(?:{name})'");
        return files.Where(f => f.Path != RolesFile)
            .SelectMany(f => f.Literals.Where(l => list.IsMatch(l.Value) || quoted.IsMatch(l.Value)).Select(l => $"{f.Path}:{l.Line}: \"{l.Value}\""));
    }

    /// <summary>
    /// The adapters of the Host: the Razor pages (<c>src/Host/Pages</c>), the API (<c>src/Host/Api</c>) and every other
    /// Host file that maps endpoints (<c>MapGet</c>, <c>MapPost</c>…, <c>MapHealthChecks</c>). They show and call what the use cases decide.
    /// </summary>
    public static IEnumerable<SourceFile> Adapters(IEnumerable<SourceFile> files) =>
        files.Where(f => f.Path.StartsWith("src/Host/Pages/", StringComparison.Ordinal) || f.Path.StartsWith("src/Host/Api/", StringComparison.Ordinal)
            || (f.Path.StartsWith("src/Host/", StringComparison.Ordinal) && EndpointMapping().IsMatch(f.Code)));

    /// <summary>
    /// Role checks written in code (comments and literals aside): a role of <see cref="Roles"/> named (<c>Roles.Clerk</c>),
    /// <c>IsInRole(…)</c>, <c>RequireRole(…)</c> or <c>Actor.IsIn(…)</c>. In an adapter each is a rule decided outside its
    /// use case; the use case's own rule (<c>ReleaseQueue.MayRelease(actor)</c>, <c>PlanStore.MayDraft(actor)</c>…) is
    /// asked instead. Showing a person's roles (<c>actor.Roles</c>) or a role's name (<c>Roles.DisplayName</c>) is no check.
    /// </summary>
    public static IEnumerable<string> RoleChecksIn(IEnumerable<SourceFile> files)
    {
        var check = new Regex($@"\bRoles\s*\.\s*(?:{string.Join("|", Roles.All.Select(Regex.Escape))})\b|\bIsInRole\s*\(|\bRequireRole\s*\(|\.\s*IsIn\s*\(");
        return files.SelectMany(f => check.Matches(f.Code).Select(m => $"{f.Path}:{SourceFile.LineOf(f.Code, m.Index)}: {m.Value}"));
    }

    /// <summary>Literals holding a SQL statement (<see cref="SqlText.IsSql"/>) in <paramref name="files"/>.</summary>
    public static IEnumerable<string> SqlIn(IEnumerable<SourceFile> files) =>
        files.SelectMany(f => f.Literals.Where(l => SqlText.IsSql(l.Value)).Select(l => $"{f.Path}:{l.Line}: {OneLine(l.Value)}"));

    /// <summary>
    /// References from <paramref name="files"/> to namespaces of <paramref name="root"/> (e.g. <c>Workflows</c>) other
    /// than the file's own namespace (and those within it) and <paramref name="allowed"/> (and those within them).
    /// </summary>
    /// <param name="files">The files checked.</param>
    /// <param name="known">Every declared namespace (<see cref="SourceTree.Declared"/>), to resolve references.</param>
    /// <param name="root">The namespace whose parts are checked, e.g. <c>Workflows</c>; others (System, Npgsql) are free.</param>
    /// <param name="allowed">Namespaces that may be used, e.g. <c>Workflows.Kernel</c>.</param>
    public static IEnumerable<string> ImportsBeyond(IEnumerable<SourceFile> files, IReadOnlyCollection<string> known, string root,
        params string[] allowed) =>
        files.SelectMany(f => f.ReferencedNamespaces(known)
            .Where(ns => ns != root && ns.StartsWith(root + ".", StringComparison.Ordinal))
            .Where(ns => !Within(ns, f.Namespace) && !allowed.Any(a => Within(ns, a)))
            .Order(StringComparer.Ordinal)
            .Select(ns => $"{f.Path}: uses {ns}"));

    /// <summary>Where Vietnam time is computed: the one file allowed to name its offset or zone.</summary>
    public const string VietnamTimeFile = "src/Workflows/Kernel/VietnamTime.cs";

    /// <summary>
    /// Ad-hoc Vietnam time outside <see cref="VietnamTimeFile"/>: a seven-hour shift in code (<c>AddHours(7)</c>,
    /// <c>TimeSpan.FromHours(7)</c>, <c>new TimeSpan(7, 0, 0)</c>) or the zone named in a literal
    /// (<c>Asia/Ho_Chi_Minh</c>, Windows' <c>SE Asia Standard Time</c>).
    /// </summary>
    public static IEnumerable<string> VietnamTimeOutsideKernel(IEnumerable<SourceFile> files) =>
        files.Where(f => f.Path != VietnamTimeFile).SelectMany(f =>
            SevenHours().Matches(f.Code).Select(m => $"{f.Path}:{SourceFile.LineOf(f.Code, m.Index)}: {m.Value}")
                .Concat(f.Literals.Where(l => VietnamZone().IsMatch(l.Value)).Select(l => $"{f.Path}:{l.Line}: \"{l.Value}\"")));

    /// <summary>True when <paramref name="ns"/> is <paramref name="outer"/> or inside it.</summary>
    public static bool Within(string ns, string? outer) =>
        outer is not null && (ns == outer || ns.StartsWith(outer + ".", StringComparison.Ordinal));

    private static string OneLine(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\b(?:AddHours|FromHours)\(\s*7(?:\.0)?d?\s*\)|\bnew\s+TimeSpan\(\s*7\s*,\s*0\s*,\s*0\s*\)")]
    private static partial Regex SevenHours();

    [GeneratedRegex(@"Asia/(?:Ho_Chi_Minh|Saigon)|SE Asia Standard Time")]
    private static partial Regex VietnamZone();

    [GeneratedRegex(@"\.\s*Map(?:Get|Post|Put|Patch|Delete|Methods|HealthChecks)\s*\(")]
    private static partial Regex EndpointMapping();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
