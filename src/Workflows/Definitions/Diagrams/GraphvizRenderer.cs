using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Workflows.Definitions.Diagrams;

/// <summary>
/// Turns a <see cref="DiagramSource"/> into SVG with Graphviz's <c>dot</c> (Debian's <c>graphviz</c>, installed by
/// <c>scripts/install-prerequisites.sh</c>) run as a separate process: at most <see cref="Concurrency"/> at a time, each
/// stopped after <see cref="TimeLimit"/>. The SVG is made accessible (<c>role="img"</c>, a <c>&lt;title&gt;</c> and a
/// <c>&lt;desc&gt;</c> named by <c>aria-labelledby</c>, and every node's and edge's <c>&lt;title&gt;</c> in Vietnamese
/// words instead of step ids; Graphviz writes the ids' hyphens as <c>&amp;#45;</c>). Results are kept by the SHA-256 of the DOT text (at most <see cref="CacheSize"/>), so a
/// definition version is drawn once and a plan's diagram again only when its marks change.
/// </summary>
internal sealed partial class GraphvizRenderer(ILogger<GraphvizRenderer> logger)
{
    /// <summary>Graphviz processes running at once on this node.</summary>
    public const int Concurrency = 2;

    /// <summary>Longest a <c>dot</c> run may take.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    /// <summary>Rendered diagrams kept in memory.</summary>
    public const int CacheSize = 256;

    private readonly SemaphoreSlim _slots = new(Concurrency, Concurrency);
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>The program run; <c>dot</c> on the PATH.</summary>
    public string Program { get; init; } = "dot";

    /// <summary>The accessible SVG of <paramref name="source"/> (UTF-8 text, without the XML prolog, ready to inline in HTML).</summary>
    /// <exception cref="InvalidOperationException"><c>dot</c> is missing, failed, or ran out of time.</exception>
    public async Task<string> RenderAsync(DiagramSource source, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.Prefix + "\n" + source.Description + "\n" + source.Dot)));
        if (_cache.TryGetValue(key, out var cached)) return cached;
        await _slots.WaitAsync(cancellationToken);
        string svg;
        try
        {
            if (_cache.TryGetValue(key, out cached)) return cached;
            svg = Accessible(await RunDotAsync(source.Dot, cancellationToken), source);
        }
        finally
        {
            _slots.Release();
        }
        if (_cache.Count >= CacheSize) _cache.Clear();
        _cache[key] = svg;
        return svg;
    }

    private async Task<string> RunDotAsync(string dot, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-Tsvg");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {Program} ({e.Message}); install Debian's graphviz (scripts/install-prerequisites.sh).", e);
        }
        using (process)
        {
            var watch = Stopwatch.StartNew();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeLimit);
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
                var stderr = process.StandardError.ReadToEndAsync(limit.Token);
                await process.StandardInput.WriteAsync(dot.AsMemory(), limit.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(limit.Token);
                var svg = await stdout;
                var errors = await stderr;
                if (process.ExitCode != 0 || !svg.Contains("<svg", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{Program} exited with {process.ExitCode}: {errors.Trim()}");
                logger.LogDebug("Diagram drawn by {Program} in {Milliseconds} ms", Program, watch.ElapsedMilliseconds);
                return svg;
            }
            catch (OperationCanceledException)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new InvalidOperationException($"{Program} did not finish within {TimeLimit.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>
    /// Drops the XML prolog and doctype, names the drawing (<c>role="img"</c>, title and description referenced by
    /// <c>aria-labelledby</c>), and gives each node and edge its Vietnamese title.
    /// </summary>
    internal static string Accessible(string svg, DiagramSource source)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = svg[start..];
        var titleId = source.Prefix + "-title";
        var descId = source.Prefix + "-desc";
        var open = svg.IndexOf('>', StringComparison.Ordinal);
        svg = svg[..open]
            + $" role=\"img\" aria-labelledby=\"{titleId} {descId}\" class=\"workflow-diagram\">"
            + $"\n<title id=\"{titleId}\">{Escape(source.Title)}</title>\n<desc id=\"{descId}\">{Escape(source.Description)}</desc>"
            + svg[(open + 1)..];
        return ElementTitle().Replace(svg, m =>
            source.ElementTitles.TryGetValue(System.Net.WebUtility.HtmlDecode(m.Groups["id"].Value), out var title)
                ? m.Groups["head"].Value + "<title>" + Escape(title) + "</title>"
                : m.Value);
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    [GeneratedRegex("""(?<head><g id="(?<id>[^"]+)" class="(?:node|edge)[^"]*">\s*)<title>[^<]*</title>""")]
    private static partial Regex ElementTitle();
}
