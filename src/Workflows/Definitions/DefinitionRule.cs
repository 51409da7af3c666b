namespace Workflows.Definitions;

/// <summary>One rule of <c>definition-rules.json</c>: the approval definitions a plan of these bodies and document types may use.</summary>
/// <param name="Bodies">Issuing body codes, e.g. <c>SGDĐT</c>; empty: every body.</param>
/// <param name="DocumentTypes">Document type abbreviations, e.g. <c>KH</c>, <c>QĐ</c>; empty: every type.</param>
/// <param name="Definitions">The allowed definition ids, the first being offered first.</param>
public sealed record DefinitionRule(IReadOnlyList<string> Bodies, IReadOnlyList<string> DocumentTypes, IReadOnlyList<string> Definitions)
{
    /// <summary>The file name of the rules in the definitions folder.</summary>
    public const string FileName = "definition-rules.json";

    /// <summary>True when the rule covers a plan of <paramref name="bodyCode"/> and <paramref name="documentType"/>.</summary>
    public bool Matches(string bodyCode, string documentType) =>
        (Bodies.Count == 0 || Bodies.Contains(bodyCode, StringComparer.Ordinal))
        && (DocumentTypes.Count == 0 || DocumentTypes.Contains(documentType, StringComparer.Ordinal));
}
