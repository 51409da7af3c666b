using System.Text.RegularExpressions;

namespace Workflows.UnitTests.Architecture;

/// <summary>
/// One source file as the architecture rules read it: its path relative to the repository (with <c>/</c>), its code
/// with comments and literal text blanked, its string literals, its namespace and its <c>using</c> lines.
/// C# files are lexed by <see cref="SourceLexer"/>; in a Razor file (<c>.cshtml</c>) every double-quoted text is a
/// literal (C# strings and markup attributes alike) and <c>@* … *@</c> comments are dropped.
/// </summary>
internal sealed partial class SourceFile
{
    private SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        if (path.EndsWith(".cshtml", StringComparison.Ordinal))
        {
            Code = RazorComment().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));
            Literals = [.. RazorQuoted().Matches(Code).Select(m => new SourceLiteral(LineOf(Code, m.Index), m.Groups[1].Value))];
            Usings = [.. RazorUsing().Matches(Code).Select(m => m.Groups[1].Value)];
            Namespace = RazorNamespace().Match(Code) is { Success: true } n ? n.Groups[1].Value : null;
        }
        else
        {
            (Code, Literals) = SourceLexer.LexCSharp(text);
            Usings = [.. CSharpUsing().Matches(Code).Select(m => m.Groups[1].Value)];
            Namespace = CSharpNamespace().Match(Code) is { Success: true } n ? n.Groups[1].Value : null;
        }
    }

    /// <summary>Path from the repository root, e.g. <c>src/Workflows/Kernel/Roles.cs</c>.</summary>
    public string Path { get; }

    /// <summary>The file as written.</summary>
    public string Text { get; }

    /// <summary>The code: comments and the text of literals replaced by spaces (line breaks kept).</summary>
    public string Code { get; }

    /// <summary>The string literals with their lines.</summary>
    public IReadOnlyList<SourceLiteral> Literals { get; }

    /// <summary>The namespace declared (<c>namespace X;</c> or <c>@namespace X</c>), or null.</summary>
    public string? Namespace { get; }

    /// <summary>The namespaces or types named by <c>using</c> lines (<c>global</c>, <c>static</c> and aliases included).</summary>
    public IReadOnlyList<string> Usings { get; }

    /// <summary>A file from its text, e.g. an in-memory sample of a test.</summary>
    public static SourceFile FromText(string path, string text) => new(path, text);

    /// <summary>
    /// The namespaces among <paramref name="known"/> this file refers to: through <c>using</c> lines, fully qualified
    /// names (<c>Workflows.Reporting.X</c>, <c>global::</c> too) and names qualified relative to an enclosing
    /// namespace (<c>Reporting.X</c> in a file of namespace <c>Workflows.Reading</c>). Each reference is mapped to the
    /// longest known namespace it starts with.
    /// </summary>
    public IReadOnlySet<string> ReferencedNamespaces(IReadOnlyCollection<string> known)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name)
        {
            var match = known.Where(k => name == k || name.StartsWith(k + ".", StringComparison.Ordinal)).MaxBy(k => k.Length);
            if (match is not null) found.Add(match);
        }
        foreach (var name in Usings) Add(name);
        var enclosing = new List<string>();
        for (var ns = Namespace; !string.IsNullOrEmpty(ns); ns = ns.Contains('.') ? ns[..ns.LastIndexOf('.')] : null) enclosing.Add(ns);
        foreach (Match m in QualifiedName().Matches(Code))
        {
            var name = m.Groups[1].Value;
            Add(name);
            foreach (var outer in enclosing)
            {
                if (known.Contains(outer + "." + name.Split('.')[0])) Add(outer + "." + name);
            }
        }
        return found;
    }

    /// <summary>The line (from 1) of character <paramref name="index"/> of <paramref name="text"/>.</summary>
    public static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex("\"([^\"\\r\\n]*)\"")]
    private static partial Regex RazorQuoted();

    [GeneratedRegex(@"^\s*@using\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex RazorUsing();

    [GeneratedRegex(@"^\s*@namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex RazorNamespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex CSharpUsing();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex CSharpNamespace();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?([A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex QualifiedName();
}
