using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Storage;

namespace Workflows.Plans.Documents;

/// <summary>
/// The issued document of a plan (Nghị định 30/2020, Điều 10–18): made and signed by the head when the plan is signed
/// (<see cref="SignAsync"/>), numbered, dated and signed by the body at numbering (<see cref="SealAsync"/>); what release
/// sends, the API serves and the archive keeps. The only writer of <c>issued_documents</c>; both steps run inside the
/// workflow transition's transaction, so a failure (corrupt file, conversion time-out, expired certificate) refuses the
/// transition and leaves nothing behind.
/// </summary>
internal sealed class IssuedDocuments(
    IDocumentConverter converter,
    IPdfSigner signer,
    SigningKeys keys,
    IOptions<DocumentOptions> options,
    IOptions<OrganisationOptions> organisation,
    ILogger<IssuedDocuments> logger)
{
    /// <summary>Makes the PDF of the final draft with number and date blank and applies the signer's signature.</summary>
    public async Task SignAsync(StepActionContext context, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        var work = context.Work;
        var plan = await PlanStore.ReadAsync(work, context.Plan.Id, cancellationToken);
        var signature = plan.Signing is null ? null : JsonSerializer.Deserialize<Signature>(plan.Signing, JsonSerializerOptions.Web);
        if (signature is null) throw WorkflowException.Conflict("Kế hoạch chưa có chữ ký của người có thẩm quyền.");
        var body = organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == plan.BodyCode);
        var bodyName = body?.Name ?? plan.BodyCode;
        var layout = PlanDocument.From(plan, body);
        var source = await work.QuerySingleAsync<SourceRow>(
            "SELECT document_name, document_media_type, document_content FROM plans WHERE id = @id", new { id = plan.Id }, cancellationToken);

        byte[] pdf;
        StampGeometry geometry;
        if (IsDocx(source))
        {
            var blanked = DocxBlanks.Apply(source.DocumentContent!, layout.NumberLine);
            pdf = await converter.ToPdfAsync(blanked, cancellationToken);
            geometry = IssuedPdf.Locate(pdf, layout.SignerTitle);
        }
        else
        {
            (pdf, geometry) = PlanPdfWriter.Write(layout);
        }

        var head = new VisibleSignature(
            [$"Người ký: {signature.Name}", $"Cơ quan: {bodyName}", $"Thời gian ký: {Iso(context.Now)}"], Seal: false);
        var stampTexts = new[] { layout.NumberLine, layout.PlaceDate, bodyName, BodyLines(bodyName, "", context.Now)[0], "Thời gian ký: " };
        var (prepared, stampPlan) = IssuedPdf.Prepare(pdf, geometry, head, stampTexts);
        var key = await keys.ActiveAsync(work, SigningKeys.Signer, signature.UserName, signature.Name, bodyName, context.Now, cancellationToken);
        var signed = await Sign(prepared, key, "Ký ban hành", cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(signed));
        work.Queue(
            """
            INSERT INTO issued_documents (plan_id, stage, content, sha256, stamp, signed_by, signed_at, sealed_at, updated_at)
            VALUES ($1, 'signed', $2, $3, $4::jsonb, $5, $6, NULL, $6)
            ON CONFLICT (plan_id) DO UPDATE SET stage = 'signed', content = EXCLUDED.content, sha256 = EXCLUDED.sha256, stamp = EXCLUDED.stamp,
                signed_by = EXCLUDED.signed_by, signed_at = EXCLUDED.signed_at, sealed_at = NULL, updated_at = EXCLUDED.updated_at
            """,
            plan.Id, signed, sha256, JsonSerializer.Serialize(stampPlan, JsonSerializerOptions.Web), signature.UserName, context.Now);
        work.Audit(context.Now, context.Actor.UserName, "plan.document-signed", plan.Id, context.InstanceId, null,
            new { sha256, bytes = signed.Length, certificate = key.Certificate.Subject, thumbprint = key.Certificate.Thumbprint, source = IsDocx(source) ? "docx" : "layout" });
        logger.LogInformation("Plan {PlanId}: issued PDF made and signed by {Signer} ({Bytes} bytes)", plan.Id, signature.UserName, signed.Length);
    }

    /// <summary>Stamps the number and date into the signed PDF (incremental update) and applies the body's signature.</summary>
    public async Task SealAsync(StepActionContext context, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        var work = context.Work;
        var row = await work.QuerySingleOrDefaultAsync<StoredRow>(
            "SELECT content, stamp::text AS stamp, stage FROM issued_documents WHERE plan_id = @id FOR UPDATE", new { id = context.Plan.Id }, cancellationToken);
        if (row is null) return;
        var plan = await PlanStore.ReadAsync(work, context.Plan.Id, cancellationToken);
        if (plan.Symbol is null) throw WorkflowException.Conflict("Kế hoạch chưa được cấp số.");
        var body = organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == plan.BodyCode);
        var bodyName = body?.Name ?? plan.BodyCode;
        var layout = PlanDocument.From(plan, body);
        var stampPlan = JsonSerializer.Deserialize<StampPlan>(row.Stamp, JsonSerializerOptions.Web)!;
        byte[] stamped;
        try
        {
            stamped = IssuedPdf.Stamp(row.Content, stampPlan, layout.NumberLine, layout.PlaceDate,
                new VisibleSignature(BodyLines(bodyName, plan.Symbol, context.Now), Seal: true));
        }
        catch (InvalidOperationException e)
        {
            throw WorkflowException.Conflict("Không ghi được số và ngày vào văn bản đã ký: " + e.Message);
        }
        var key = await keys.ActiveAsync(work, SigningKeys.Body, plan.BodyCode, bodyName, bodyName, context.Now, cancellationToken);
        var sealedPdf = await Sign(stamped, key, "Phát hành", cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(sealedPdf));
        work.Queue("UPDATE issued_documents SET stage = 'sealed', content = $1, sha256 = $2, sealed_at = $3, updated_at = $3 WHERE plan_id = $4",
            sealedPdf, sha256, context.Now, plan.Id);
        work.Audit(context.Now, context.Actor.UserName, "plan.document-sealed", plan.Id, context.InstanceId, null,
            new { plan.Symbol, sha256, bytes = sealedPdf.Length, certificate = key.Certificate.Subject, thumbprint = key.Certificate.Thumbprint });
    }

    /// <summary>The file name of the issued PDF of <paramref name="symbol"/>: "05-KH-PGDĐT.pdf".</summary>
    public static string FileName(string? symbol) => (symbol is null ? "van-ban" : symbol.Replace('/', '-')) + ".pdf";

    private static List<string> BodyLines(string bodyName, string symbol, DateTimeOffset now) =>
        [$"Cơ quan ký số: {bodyName}", $"Số: {symbol}", $"Thời gian ký: {Iso(now)}"];

    /// <summary>ISO 8601 in Vietnam time, to the second (Phụ lục I: thời gian ký).</summary>
    private static string Iso(DateTimeOffset instant) => VietnamTime.ToVietnamTime(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<byte[]> Sign(byte[] pdf, SigningKey key, string reason, CancellationToken cancellationToken)
    {
        try
        {
            return await signer.SignAsync(pdf, key, reason, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            logger.LogError(e, "Signing with key {KeyId} failed", key.Id);
            throw WorkflowException.Conflict("Không ký số được văn bản: " + e.Message);
        }
    }

    private static bool IsDocx(SourceRow source) => source.DocumentContent is { Length: > 0 } &&
        ((source.DocumentName ?? "").EndsWith(".docx", StringComparison.OrdinalIgnoreCase) ||
         (source.DocumentMediaType ?? "").Contains("wordprocessingml", StringComparison.OrdinalIgnoreCase));

    private sealed class SourceRow
    {
        public string? DocumentName { get; init; }
        public string? DocumentMediaType { get; init; }
        public byte[]? DocumentContent { get; init; }
    }

    private sealed class StoredRow
    {
        public byte[] Content { get; init; } = [];
        public string Stamp { get; init; } = "";
        public string Stage { get; init; } = "";
    }
}
