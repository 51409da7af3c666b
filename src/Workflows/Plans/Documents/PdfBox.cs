namespace Workflows.Plans.Documents;

/// <summary>A rectangle on one page of a PDF, in PDF user space: points (1/72 inch), origin at the page's lower left corner.</summary>
/// <param name="Page">Page index, from 0.</param>
/// <param name="Left">Left edge.</param>
/// <param name="Bottom">Lower edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public sealed record PdfBox(int Page, double Left, double Bottom, double Width, double Height);
