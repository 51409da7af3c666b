namespace Workflows.Plans.Documents;

/// <summary>
/// A content stream the prepared PDF keeps on one page for the numbering's stamp: numbering writes a new version of
/// object <paramref name="ObjectNumber"/> (an incremental update) drawing with font <paramref name="FontName"/>, whose
/// glyph ids are <paramref name="Glyphs"/> (character → 4 hex digits, from the font's ToUnicode map).
/// </summary>
/// <param name="Page">Page index, from 0.</param>
/// <param name="ObjectNumber">The content stream's object number (generation 0).</param>
/// <param name="FontName">The font's resource name on the page, without the slash.</param>
/// <param name="Glyphs">Character → glyph id (hex) for every character the stamp may print.</param>
public sealed record StampSlot(int Page, int ObjectNumber, string FontName, IReadOnlyDictionary<string, string> Glyphs);
