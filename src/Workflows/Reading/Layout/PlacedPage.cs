namespace Workflows.Reading.Layout;

/// <summary>One page of placed words and rules; <paramref name="Width"/> and <paramref name="Height"/> in the words' units.</summary>
internal sealed record PlacedPage(double Width, double Height, IReadOnlyList<PlacedWord> Words, IReadOnlyList<PlacedRule> Rules);
