namespace Workflows.Definitions.Diagrams;

/// <summary>
/// A diagram ready for Graphviz: the DOT text, the prefix of every element id in it, and the accessible text of each
/// node and edge (by its SVG element id) that replaces Graphviz's own <c>&lt;title&gt;</c> (the step ids).
/// </summary>
/// <param name="Dot">The DOT graph.</param>
/// <param name="Prefix">Prefix of the element ids, unique per diagram on a page.</param>
/// <param name="Title">The diagram's title (Vietnamese).</param>
/// <param name="Description">A text description of the diagram for readers who cannot see it (Vietnamese).</param>
/// <param name="ElementTitles">Vietnamese title of each node and edge, by SVG element id.</param>
internal sealed record DiagramSource(string Dot, string Prefix, string Title, string Description, IReadOnlyDictionary<string, string> ElementTitles);
