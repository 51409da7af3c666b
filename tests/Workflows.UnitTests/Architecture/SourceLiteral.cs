namespace Workflows.UnitTests.Architecture;

/// <summary>A string literal of a source file: its line (from 1) and its text (interpolation holes shown as <c>{…}</c>).</summary>
internal sealed record SourceLiteral(int Line, string Value);
