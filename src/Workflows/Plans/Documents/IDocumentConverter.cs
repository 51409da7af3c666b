namespace Workflows.Plans.Documents;

/// <summary>Converts an uploaded word-processing document to PDF.</summary>
public interface IDocumentConverter
{
    /// <summary>The PDF of <paramref name="docx"/> (an Office Open XML document).</summary>
    /// <exception cref="Kernel.WorkflowException">The file cannot be converted, or the conversion ran out of time (422, field <c>document</c>).</exception>
    Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken cancellationToken);
}
