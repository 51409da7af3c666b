namespace Workflows.UnitTests.Architecture;

/// <summary>The C# and Razor files of a folder of the repository, read once per test run.</summary>
internal static class SourceTree
{
    private static readonly Lazy<IReadOnlyList<SourceFile>> Src = new(() => Load(RepositoryPaths.Root, "src"));

    /// <summary>Every <c>.cs</c> and <c>.cshtml</c> file under <c>src/</c> (build output excluded).</summary>
    public static IReadOnlyList<SourceFile> Sources => Src.Value;

    private static readonly Lazy<IReadOnlyList<SourceFile>> TestFiles = new(() => Load(RepositoryPaths.Root, "tests"));

    /// <summary>Every <c>.cs</c> and <c>.cshtml</c> file under <c>tests/</c> (build output excluded).</summary>
    public static IReadOnlyList<SourceFile> Tests => TestFiles.Value;

    /// <summary>The namespaces declared under <c>src/</c>, e.g. <c>Workflows.Reporting.Status</c>.</summary>
    public static IReadOnlyCollection<string> Namespaces => Declared(Sources);

    /// <summary>Every <c>.cs</c> and <c>.cshtml</c> file under <paramref name="folder"/> of <paramref name="root"/>, build output excluded.</summary>
    public static IReadOnlyList<SourceFile> Load(string root, string folder) =>
        [.. Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(f => SourceFile.FromText(f, File.ReadAllText(Path.Combine(root, f))))];

    /// <summary>The namespaces declared by <paramref name="files"/>.</summary>
    public static IReadOnlyCollection<string> Declared(IEnumerable<SourceFile> files) =>
        files.Select(f => f.Namespace).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The files whose path starts with <paramref name="folder"/> (e.g. <c>src/Host/</c>).</summary>
    public static IEnumerable<SourceFile> Under(this IEnumerable<SourceFile> files, string folder) =>
        files.Where(f => f.Path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal));
}
