using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Organisation;
using Workflows.Plans;
using Workflows.Plans.Documents;
using Workflows.Reading;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The issued document without the database: at signing, lay out a <c>.txt</c> plan (PDFsharp) or convert a <c>.docx</c>
/// (LibreOffice headless), prepare the stamp and sign (pdfsig); at release, stamp number and date (incremental update)
/// and sign as the body. ms per document; goal below 3 s median each.
/// </summary>
internal sealed class DocumentSigningScenario : IScenario
{
    public string Name => "documents";

    public string Description => "issued PDF: lay out (.txt) or convert (.docx) and sign at signing; stamp number and date and sign at release; ms per document";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var (warmup, runs) = context.Options.Quick ? (1, 5) : (2, 30);
        var work = Path.Combine(Path.GetTempPath(), $"bench-documents-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var options = new DocumentOptions { WorkDirectory = work };
            var converter = new LibreOfficeConverter(Options.Create(options), NullLogger<LibreOfficeConverter>.Instance);
            var signer = new PopplerPdfSigner(Options.Create(options));
            using var head = Key("Trần Nam Hải");
            using var body = Key("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
            var path = Path.Combine(context.RepositoryRoot, "..", "shared", "plans", "uongbi-2023-95-KH-PGDDT.txt");
            var text = await File.ReadAllBytesAsync(path, cancellationToken);
            var issuer = new IssuingBody { Code = "PGDĐT", Name = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", Parent = "UBND THÀNH PHỐ UÔNG BÍ", Place = "Uông Bí", HeadTitle = "TRƯỞNG PHÒNG" };
            var plan = new PlanRecord { BodyCode = "PGDĐT", DocumentType = "KH", Subject = "Kế hoạch thực hiện chủ đề công tác năm 2023", Fields = new PlanReader().Read(text, path) };
            var layout = PlanDocument.From(plan, issuer);
            var docx = await DocxOf(path, work, options, cancellationToken);
            var bodyBlock = new VisibleSignature(["Cơ quan ký số: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 05/KH-PGDĐT", "Thời gian ký: 2026-02-05T10:12:00+07:00"], Seal: true);
            var headBlock = new VisibleSignature(["Người ký: Trần Nam Hải", "Cơ quan: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Thời gian ký: 2026-02-05T09:00:00+07:00"], Seal: false);
            string[] stampTexts = [layout.NumberLine, layout.PlaceDate, "Cơ quan ký số: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Thời gian ký: "];

            async Task<(byte[] Pdf, StampPlan Plan)> SignTxt()
            {
                var (pdf, geometry) = PlanPdfWriter.Write(layout);
                var (prepared, stamp) = IssuedPdf.Prepare(pdf, geometry, headBlock, stampTexts);
                return (await signer.SignAsync(prepared, head.Key, "Ký ban hành", cancellationToken), stamp);
            }
            async Task<(byte[] Pdf, StampPlan Plan)> SignDocx()
            {
                var pdf = await converter.ToPdfAsync(DocxBlanks.Apply(docx, layout.NumberLine), cancellationToken);
                var (prepared, stamp) = IssuedPdf.Prepare(pdf, IssuedPdf.Locate(pdf, layout.SignerTitle), headBlock, stampTexts);
                return (await signer.SignAsync(prepared, head.Key, "Ký ban hành", cancellationToken), stamp);
            }
            async Task<byte[]> Release((byte[] Pdf, StampPlan Plan) signed)
            {
                var stamped = IssuedPdf.Stamp(signed.Pdf, signed.Plan, "Số: 05/KH-PGDĐT", "Uông Bí, ngày 05 tháng 02 năm 2026", bodyBlock);
                return await signer.SignAsync(stamped, body.Key, "Phát hành", cancellationToken);
            }

            var results = new List<Measurement>();
            foreach (var (name, sign) in new (string, Func<Task<(byte[], StampPlan)>>)[] { (".txt", SignTxt), (".docx", SignDocx) })
            {
                for (var i = 0; i < warmup; i++) await Release(await sign());
                var signing = new List<double>();
                var releasing = new List<double>();
                long size = 0;
                for (var i = 0; i < runs; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var signed = await sign();
                    signing.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    start = Stopwatch.GetTimestamp();
                    size = (await Release(signed)).Length;
                    releasing.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                results.Add(Measurement.Of($"{name}: make the PDF and sign (at signing)", "ms", signing, "< 3000 ms"));
                results.Add(Measurement.Of($"{name}: stamp number and date, sign as the body (at release)", "ms", releasing, "< 3000 ms"));
                notes.Add($"{name}: the issued PDF is {size / 1024} KiB");
            }
            notes.Add($"{warmup} warm-up documents, then {runs} measured per kind; one process, tools run one after the other");
            return results;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The plan as a .docx, made once by LibreOffice from the .txt.</summary>
    private static async Task<byte[]> DocxOf(string txt, string work, DocumentOptions options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.SofficePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", $"-env:UserInstallation=file://{work}/profile-docx", "--convert-to", "docx", "--outdir", work, txt }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return await File.ReadAllBytesAsync(Path.Combine(work, Path.GetFileNameWithoutExtension(txt) + ".docx"), cancellationToken);
    }

    private static BenchKey Key(string name)
    {
        var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, C=VN", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pkcs12 = certificate.Export(X509ContentType.Pkcs12, "bench");
        return new BenchKey(rsa, certificate, new SigningKey(Guid.NewGuid(), "signer", name, pkcs12, "bench", certificate));
    }

    private sealed record BenchKey(RSA Rsa, X509Certificate2 Certificate, SigningKey Key) : IDisposable
    {
        public void Dispose()
        {
            Certificate.Dispose();
            Rsa.Dispose();
        }
    }
}
