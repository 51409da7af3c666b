namespace Workflows.Plans.Documents;

/// <summary>A piece of a body paragraph as laid out: its text, then the footnote mark that follows it, if any.</summary>
/// <param name="Text">The text (may be empty when a mark follows another).</param>
/// <param name="Marker">The footnote number printed raised right after <paramref name="Text"/> ("1"), or null.</param>
public sealed record BodyRun(string Text, string? Marker);
