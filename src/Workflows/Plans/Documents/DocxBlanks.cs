using System.IO.Packaging;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using Workflows.Kernel;

namespace Workflows.Plans.Documents;

/// <summary>
/// Blanks the draft's number and date in a <c>.docx</c> before it is converted for signing: the first paragraph that
/// starts "Số:" becomes the plan's number line with "…" for the number, the first "ngày … tháng … năm …" loses its
/// digits (Nghị định 30/2020, Điều 15: the clerk gives number and date after signing).
/// </summary>
internal static partial class DocxBlanks
{
    /// <summary>The document with the blanks.</summary>
    /// <param name="docx">The uploaded document.</param>
    /// <param name="numberLine">The blank number line, e.g. "Số: …/KH-PGDĐT".</param>
    /// <exception cref="WorkflowException">Not a readable <c>.docx</c> (422, field <c>document</c>).</exception>
    public static byte[] Apply(byte[] docx, string numberLine)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        try
        {
            using (var document = WordprocessingDocument.Open(stream, true))
            {
                var body = document.MainDocumentPart?.Document?.Body ?? throw Corrupt();
                bool number = false, date = false;
                foreach (var paragraph in body.Descendants<W.Paragraph>())
                {
                    var text = string.Concat(paragraph.Descendants<W.Text>().Select(t => t.Text));
                    if (!number && NumberLine().IsMatch(text))
                    {
                        Replace(paragraph, numberLine);
                        number = true;
                    }
                    else if (!date && DatePart().IsMatch(text))
                    {
                        Replace(paragraph, DatePart().Replace(text, "ngày … tháng … năm …", 1));
                        date = true;
                    }
                    if (number && date) break;
                }
            }
            return stream.ToArray();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw Corrupt();
        }
    }

    private static WorkflowException Corrupt() => WorkflowException.Invalid("document",
        "Tệp .docx của kế hoạch bị hỏng hoặc không đọc được nên không lập được văn bản để ký; văn bản chưa được ký. Người soạn tải lại tệp đúng rồi trình ký lại.");

    private static void Replace(W.Paragraph paragraph, string text)
    {
        var texts = paragraph.Descendants<W.Text>().ToList();
        texts[0].Text = text;
        texts[0].Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve;
        foreach (var other in texts.Skip(1)) other.Remove();
    }

    [GeneratedRegex(@"^\s*Số\s*:")]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"ngày[\s\d\.…]*tháng[\s\d\.…]*năm[\s\d\.…]*\d*", RegexOptions.IgnoreCase)]
    private static partial Regex DatePart();
}
