using PdfSharp.Fonts;

namespace Workflows.Plans.Documents;

/// <summary>
/// The one font family of the issued PDF, DejaVu Serif (Bitstream Vera licence, free to embed; covers Vietnamese),
/// read from <see cref="DocumentOptions.FontDirectory"/>. PDFsharp's font resolver is process-wide: it is installed
/// once, by the first <see cref="Ensure"/>.
/// </summary>
internal sealed class DocumentFonts : IFontResolver
{
    /// <summary>The family name to give <c>XFont</c>.</summary>
    public const string Family = "DejaVu Serif";

    private static readonly Lock Gate = new();
    private static DocumentFonts? _installed;
    private readonly string _directory;

    private DocumentFonts(string directory) => _directory = directory;

    /// <summary>Installs the resolver on first call.</summary>
    /// <exception cref="InvalidOperationException">The font files are missing (the message names the Debian packages to install).</exception>
    public static void Ensure(DocumentOptions options)
    {
        lock (Gate)
        {
            if (_installed is not null) return;
            var regular = Path.Combine(options.FontDirectory, "DejaVuSerif.ttf");
            if (!File.Exists(regular))
                throw new InvalidOperationException(
                    $"Không tìm thấy phông chữ DejaVu Serif ở {options.FontDirectory}; cài gói fonts-dejavu-core và fonts-dejavu-extra (scripts/install-prerequisites.sh).");
            _installed = new DocumentFonts(options.FontDirectory);
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!familyName.Equals(Family, StringComparison.OrdinalIgnoreCase)) return null;
        var face = (bold, italic) switch
        {
            (true, true) => "DejaVuSerif-BoldItalic",
            (true, false) => "DejaVuSerif-Bold",
            (false, true) => "DejaVuSerif-Italic",
            _ => "DejaVuSerif",
        };
        // The italic faces come with fonts-dejavu-extra; without it PDFsharp slants the regular face.
        return File.Exists(Path.Combine(_directory, face + ".ttf"))
            ? new FontResolverInfo(face)
            : new FontResolverInfo(bold ? "DejaVuSerif-Bold" : "DejaVuSerif", false, italic);
    }

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(_directory, faceName + ".ttf"));
}
