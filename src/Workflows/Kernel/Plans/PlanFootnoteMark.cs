namespace Workflows.Kernel.Plans;

/// <summary>
/// Where a footnote's mark stands in the body (Nghị định 30/2020/NĐ-CP, Phụ lục I: the footnote number is printed raised
/// right after the words it explains). The body is stored without its marks, so the readers' and the drafters' text stays
/// the text; each mark keeps its place here.
/// </summary>
/// <param name="Marker">The footnote's number, as in <see cref="PlanFootnote.Marker"/> ("1").</param>
/// <param name="Offset">Its place in <see cref="PlanFields.Body"/>, in UTF-16 code units from the body's start: the mark
/// follows the character at <c>Offset - 1</c>, which is not a space nor a line break (1 ≤ Offset ≤ the body's length).</param>
public sealed record PlanFootnoteMark(string Marker, int Offset);
