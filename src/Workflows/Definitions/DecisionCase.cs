namespace Workflows.Definitions;

/// <summary>One case of a <c>decision</c> step: where the instance goes when the expression is true.</summary>
/// <param name="When">The expression as written, e.g. <c>documentType == "QĐ" &amp;&amp; hasReportingDuties</c>.</param>
/// <param name="Next">The step that follows when it is true.</param>
public sealed record DecisionCase(string When, string Next);
