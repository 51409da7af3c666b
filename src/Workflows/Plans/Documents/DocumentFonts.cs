using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Workflows.Plans.Documents;

/// <summary>
/// The one font family of the issued PDF, DejaVu Serif (Bitstream Vera licence with public-domain changes, free to
/// embed; covers Vietnamese), its four faces shipped inside this assembly (<c>Plans/Documents/Fonts</c>, made by
/// <c>scripts/make-document-fonts.py</c>: Latin, Vietnamese, Greek, punctuation and symbols, no hinting, composite
/// glyphs flattened into outlines so that PDFsharp's subset keeps every mark of "ế", "ạ", "ộ", "ự"). PDFsharp's font
/// resolver is process-wide: it is installed once, by the first <see cref="Ensure"/>.
/// </summary>
internal sealed class DocumentFonts : IFontResolver
{
    /// <summary>The family name to give <c>XFont</c>.</summary>
    public const string Family = "DejaVu Serif";

    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly ConcurrentDictionary<string, byte[]> _faces = new();

    private DocumentFonts()
    {
    }

    /// <summary>Installs the resolver on first call.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (_installed) return;
            GlobalFontSettings.FontResolver = new DocumentFonts();
            _installed = true;
        }
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!familyName.Equals(Family, StringComparison.OrdinalIgnoreCase)) return null;
        return new FontResolverInfo((bold, italic) switch
        {
            (true, true) => "DejaVuSerif-BoldItalic",
            (true, false) => "DejaVuSerif-Bold",
            (false, true) => "DejaVuSerif-Italic",
            _ => "DejaVuSerif",
        });
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A face not shipped in the assembly (a build without its fonts).</exception>
    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, static face =>
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"Workflows.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"Thiếu phông chữ {face} trong Workflows.dll (Plans/Documents/Fonts).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
