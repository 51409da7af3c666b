namespace Workflows.Kernel.Plans;

/// <summary>A footnote taken out of the body flow.</summary>
/// <param name="Marker">The footnote number ("1").</param>
/// <param name="Text">The footnote text, lines joined.</param>
public sealed record PlanFootnote(string Marker, string Text);
