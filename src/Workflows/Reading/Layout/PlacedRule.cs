namespace Workflows.Reading.Layout;

/// <summary>A drawn line (table border, rule) on a page: from (<paramref name="X0"/>, <paramref name="Y0"/>) to
/// (<paramref name="X1"/>, <paramref name="Y1"/>), in the same coordinates as <see cref="PlacedWord"/>, X0 ≤ X1, Y0 ≤ Y1.</summary>
internal sealed record PlacedRule(double X0, double Y0, double X1, double Y1)
{
    /// <summary>True for a horizontal rule (at most 2 units high, at least 8 long).</summary>
    public bool IsHorizontal => Y1 - Y0 <= 2 && X1 - X0 >= 8;

    /// <summary>True for a vertical rule (at most 2 units wide, at least 8 long).</summary>
    public bool IsVertical => X1 - X0 <= 2 && Y1 - Y0 >= 8;
}
