namespace Workflows.Reading.Layout;

/// <summary>
/// A word placed on a page, from a PDF's text layer or from OCR. Coordinates are points (1/72 inch; pixels for a scan)
/// measured from the page's top-left corner, y downwards: <paramref name="Baseline"/> is the y of the text's base
/// line and <paramref name="Size"/> its font size. <paramref name="JoinsPrevious"/> is true when no space separates
/// it from the word before it on its line (a footnote marker after its word). <paramref name="Confidence"/> is OCR's
/// confidence, 0–100 (100 for a text layer).
/// </summary>
internal sealed record PlacedWord(double Left, double Right, double Baseline, double Size, string Text, bool JoinsPrevious = false, double Confidence = 100);
