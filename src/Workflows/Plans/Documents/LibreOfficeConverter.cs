using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Kernel;

namespace Workflows.Plans.Documents;

/// <summary>
/// <see cref="IDocumentConverter"/> through LibreOffice headless (<c>soffice --headless --convert-to pdf</c>, Debian
/// <c>libreoffice-writer-nogui</c>), with a profile folder of its own (<c>-env:UserInstallation</c>) so it never meets
/// a user's running LibreOffice. One conversion at a time per process (LibreOffice serialises on its profile anyway);
/// a conversion longer than <see cref="DocumentOptions.ConversionTimeoutSeconds"/> is killed with its process tree.
/// </summary>
internal sealed class LibreOfficeConverter(IOptions<DocumentOptions> options, ILogger<LibreOfficeConverter> logger) : IDocumentConverter
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var work = Path.Combine(o.ResolvedWorkDirectory, "convert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var input = Path.Combine(work, "van-ban.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var profile = new Uri(Path.Combine(o.ResolvedWorkDirectory, "libreoffice-profile") + "/").AbsoluteUri;
            var start = new ProcessStartInfo(o.SofficePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work,
            };
            foreach (var argument in new[] { "--headless", "--norestore", "--nologo", $"-env:UserInstallation={profile}", "--convert-to", "pdf", "--outdir", work, input })
                start.ArgumentList.Add(argument);

            await OneAtATime.WaitAsync(cancellationToken);
            try
            {
                using var process = Process.Start(start)
                    ?? throw new InvalidOperationException($"Không chạy được LibreOffice ({o.SofficePath}).");
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(o.ConversionTimeoutSeconds));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                    logger.LogWarning("LibreOffice conversion stopped after {Seconds} s", o.ConversionTimeoutSeconds);
                    throw WorkflowException.Invalid("document",
                        $"Chuyển tệp .docx sang PDF quá {o.ConversionTimeoutSeconds} giây nên đã dừng; văn bản chưa được ký. Kiểm tra tệp (quá lớn, hỏng?) rồi ký lại.");
                }
                var output = Path.Combine(work, "van-ban.pdf");
                if (process.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length == 0)
                {
                    logger.LogWarning("LibreOffice could not convert the document (exit {ExitCode}): {Output} {Error}", process.ExitCode,
                        await stdout, await stderr);
                    throw WorkflowException.Invalid("document",
                        "Tệp .docx của kế hoạch bị hỏng hoặc không đọc được nên không chuyển được sang PDF; văn bản chưa được ký. Người soạn tải lại tệp đúng rồi trình ký lại.");
                }
                return await File.ReadAllBytesAsync(output, cancellationToken);
            }
            finally
            {
                OneAtATime.Release();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
