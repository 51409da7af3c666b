#!/usr/bin/python3
"""Makes the four DejaVu Serif faces the issued PDF is laid out in (src/Workflows/Plans/Documents/Fonts/).

Each face of Debian's fonts-dejavu-core/-extra is cut with fontTools (Debian python3-fonttools) to the characters a
Vietnamese administrative document uses (Latin, Latin Extended, Vietnamese, combining marks, Greek, punctuation,
currency, arrows, mathematical operators, box and geometric shapes), without hinting, and every composite glyph is
then replaced by its outline (components flattened at every depth). PDFsharp 6.2.4's subsetter adds only the direct
components of a composite glyph, not the components of those components, and DejaVu builds "ế", "ạ", "ộ", "ự" from
nested composites: with composites flattened, the subset it embeds holds every outline a letter needs.

Run: /usr/bin/python3 scripts/make-document-fonts.py   (the outputs are committed; re-run only to change them)
DejaVu fonts: Bitstream Vera licence plus public-domain changes, which allow modified copies not named
"Bitstream" or "Vera" (see Fonts/LICENSE).
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates
from fontTools.ttLib.tables.ttProgram import Program

SOURCE = "/usr/share/fonts/truetype/dejavu"
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Workflows", "Plans", "Documents", "Fonts")
FACES = ["DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"]
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A/B (ơ ư đ)
    (0x0250, 0x036F),  # IPA, spacing modifiers, combining diacritical marks
    (0x0370, 0x03FF),  # Greek (α, β, Ω, µ in formulas and units)
    (0x1E00, 0x1EFF),  # Latin Extended Additional: the precomposed Vietnamese letters
    (0x2000, 0x206F),  # General Punctuation: dashes, quotes, ellipsis, bullet
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency (₫ U+20AB, €)
    (0x2100, 0x214F),  # letterlike symbols (№, ℃)
    (0x2150, 0x218F),  # number forms (½, Roman numerals)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≤ ≥ ± × ÷)
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes (■ □ ● ○)
    (0x2600, 0x26FF),  # miscellaneous symbols (☐ ☑ ☒)
    (0x2713, 0x2718),  # check marks
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFFFD, 0xFFFD),  # replacement character
]


def flatten(font):
    """Replaces every composite glyph by a simple glyph with its components' outlines (at every depth)."""
    glyf = font["glyf"]
    composites = [name for name in font.getGlyphOrder() if glyf[name].isComposite()]
    outlines = {name: glyf[name].getCoordinates(glyf) for name in composites}
    for name in composites:
        coordinates, end_points, flags = outlines[name]
        glyph = Glyph()
        glyph.numberOfContours = len(end_points)
        glyph.coordinates = GlyphCoordinates(coordinates)
        glyph.endPtsOfContours = list(end_points)
        glyph.flags = flags
        glyph.program = Program()
        glyph.program.fromBytecode(b"")
        glyph.recalcBounds(glyf)
        glyf[name] = glyph
    return len(composites)


def make(face):
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.drop_tables += ["FFTM", "MATH", "GSUB", "GPOS", "GDEF", "kern"]
    font = TTFont(os.path.join(SOURCE, face + ".ttf"))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    flattened = flatten(font)
    font["maxp"].recalc(font)
    path = os.path.join(TARGET, face + ".ttf")
    font.save(path)
    print(f"{path}: {len(font.getGlyphOrder())} glyphs, {flattened} composites flattened, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    os.makedirs(TARGET, exist_ok=True)
    for face in FACES:
        make(face)
    sys.exit(0)
