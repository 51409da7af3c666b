using Microsoft.Extensions.Options;
using Workflows.Distribution.Receipts;
using Workflows.Host.Identity;
using Workflows.Host.Startup;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Plans.Documents;

namespace Workflows.Host.Documents;

/// <summary>
/// Wires the issued document into the Host: its settings, the PDF download, the admin's signing certificates and the
/// recipients' receipts.
/// </summary>
internal static class DocumentsExtensions
{
    /// <summary>
    /// Binds <c>Workflows:Documents</c> (the working folder defaults to <c>data/documents</c> at the repository root) and
    /// <c>Workflows:Receipts</c> (the links' base address defaults to <c>Workflows:Reporting:PublicBaseUrl</c>).
    /// </summary>
    public static WebApplicationBuilder AddWorkflowsDocuments(this WebApplicationBuilder builder)
    {
        var data = Path.Combine(HostPaths.RepositoryRoot(builder.Environment.ContentRootPath), "data", "documents");
        builder.Services.Configure<DocumentOptions>(builder.Configuration.GetSection("Workflows:Documents"));
        builder.Services.PostConfigure<DocumentOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.WorkDirectory)) o.WorkDirectory = data;
        });
        builder.Services.AddOptions<ReceiptOptions>().Bind(builder.Configuration.GetSection(ReceiptOptions.Section))
            .PostConfigure<IOptions<Workflows.Reporting.ReportingOptions>>((o, reporting) =>
            {
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl)) o.PublicBaseUrl = reporting.Value.PublicBaseUrl;
            });
        return builder;
    }

    /// <summary>An admin's request to issue a certificate.</summary>
    /// <param name="Kind"><c>signer</c> or <c>body</c>.</param>
    /// <param name="Owner">The signer's user name (not for <c>body</c>).</param>
    /// <param name="CommonName">The signer's full name, written in the certificate (not for <c>body</c>).</param>
    public sealed record IssueRequest(string? Kind, string? Owner, string? CommonName);

    /// <summary>Maps <c>GET /api/plans/{id}/issued.pdf</c>, <c>GET /api/plans/{id}/receipts</c> and <c>/api/admin/signing-keys</c>.</summary>
    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:guid}/issued.pdf", async (Guid id, HttpContext http, PlanStore plans, IssuedDocumentQueries documents, CancellationToken ct) =>
        {
            var plan = await plans.GetAsync(id, http.User.ToActor(), ct);
            var document = await documents.ReadAsync(id, ct)
                ?? throw new WorkflowException(ErrorKind.NotFound, "Kế hoạch chưa có văn bản PDF đã ký (chưa ký ban hành).");
            return Results.File(document.Content, "application/pdf", IssuedDocuments.FileName(plan.Symbol));
        }).WithTags("Documents");
        // Without q, state, sort or page: every recipient; with one of them, one page (pageSize, default 50) with the same counts.
        api.MapGet("/plans/{id:guid}/receipts", async (Guid id, string? q, string? state, string? sort, int? page, int? pageSize, HttpContext http,
            ReleaseReceipts receipts, CancellationToken ct) =>
            Results.Ok(await receipts.ProgressAsync(id, http.User.ToActor(),
                q is null && state is null && sort is null && page is null && pageSize is null ? null : new DeliveryQuery(q, state, sort, page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Documents");

        var keys = api.MapGroup("/admin/signing-keys").WithTags("Documents");
        keys.MapGet("/", async (HttpContext http, SigningKeyAdministration admin, CancellationToken ct) =>
            Results.Ok(await admin.ListAsync(http.User.ToActor(), ct)));
        keys.MapPost("/issue", async (IssueRequest input, HttpContext http, SigningKeyAdministration admin, CancellationToken ct) =>
            Results.Ok(await admin.IssueAsync(http.User.ToActor(), input.Kind, input.Owner, input.CommonName, ct)));
        keys.MapPost("/import", async (HttpContext http, SigningKeyAdministration admin, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType) throw WorkflowException.Invalid("file", "Gửi dạng multipart: kind, owner, password và tệp 'file' (.p12/.pfx).");
            var form = await http.Request.ReadFormAsync(ct);
            var upload = form.Files.GetFile("file");
            byte[]? file = null;
            if (upload is not null)
            {
                using var buffer = new MemoryStream();
                await upload.CopyToAsync(buffer, ct);
                file = buffer.ToArray();
            }
            return Results.Ok(await admin.ImportAsync(http.User.ToActor(), form["kind"], form["owner"], file, form["password"], ct));
        }).DisableAntiforgery();
        return api;
    }
}
