using System.Diagnostics;

namespace Workflows.Testing;

/// <summary>Checks the signatures of a PDF with an independent tool: Poppler's <c>pdfsig</c>.</summary>
internal static class PdfSignatures
{
    /// <summary>One signature as pdfsig reports it.</summary>
    public sealed record Report(string CommonName, bool Valid, bool WholeDocument, string Text);

    /// <summary>Every signature of <paramref name="pdf"/>, in the file's order.</summary>
    public static async Task<IReadOnlyList<Report>> VerifyAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verify-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdfsig") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-nocert");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.Split("Signature #", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(block => new Report(
                block.Split('\n').FirstOrDefault(l => l.Contains("Signer Certificate Common Name:"))?.Split(':', 2)[1].Trim() ?? "",
                block.Contains("Signature Validation: Signature is Valid."),
                block.Contains("Total document signed") && !block.Contains("Not total document signed"),
                block)).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
