using Microsoft.Extensions.Options;

namespace Workflows.Plans.Documents;

/// <summary>
/// <see cref="IPdfSigner"/> through Poppler's <c>pdfsig -add-signature</c> (Debian <c>poppler-utils</c> 22.12), which
/// writes the signature as an incremental update (adbe.pkcs7.detached, SHA-256). The key goes into an NSS database
/// made for this one signing (<c>certutil -N</c>, <c>pk12util -i</c>, Debian <c>libnss3-tools</c>) in a private folder,
/// deleted afterwards. pdfsig 22.12 makes an invisible signature field: the visible block of Phụ lục I is printed on
/// the page before signing (<see cref="IssuedPdf"/>).
/// </summary>
internal sealed class PopplerPdfSigner(IOptions<DocumentOptions> options) : IPdfSigner
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public async Task<byte[]> SignAsync(byte[] pdf, SigningKey key, string reason, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var work = Path.Combine(o.ResolvedWorkDirectory, "sign-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var database = "sql:" + Path.Combine(work, "nss");
            Directory.CreateDirectory(Path.Combine(work, "nss"));
            await Run(o.CertutilPath, ["-N", "-d", database, "--empty-password"], cancellationToken);
            var p12 = Path.Combine(work, "key.p12");
            await File.WriteAllBytesAsync(p12, key.Pkcs12, cancellationToken);
            await Run(o.Pk12utilPath, ["-i", p12, "-d", database, "-W", key.Password, "-K", ""], cancellationToken);
            var (_, list) = await Run(o.CertutilPath, ["-L", "-d", database], cancellationToken);
            // The key's certificate is the one NSS lists with user trust (u,u,u); its nickname is the text before the flags.
            var nickname = list.Split('\n').Select(l => l.TrimEnd())
                .Where(l => l.EndsWith("u,u,u", StringComparison.Ordinal))
                .Select(l => l[..^"u,u,u".Length].Trim())
                .FirstOrDefault() ?? throw new InvalidOperationException("Tệp khóa không chứa khóa bí mật để ký.");
            var input = Path.Combine(work, "in.pdf");
            var output = Path.Combine(work, "out.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            await Run(o.PdfsigPath, ["-add-signature", "-nssdir", database, "-nick", nickname, "-digest", "SHA256", "-reason", reason, input, output],
                cancellationToken);
            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int, string)> Run(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var (exit, output) = await ToolProcess.RunAsync(program, arguments, Limit, cancellationToken);
        if (exit != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} thất bại (mã {exit}): {output.Trim()}");
        return (exit, output);
    }
}
