using System.Text.Json;
using Workflows.Engine;
using Workflows.Host.Identity;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Reading;
using Workflows.Scanning;

namespace Workflows.Host.Api;

/// <summary><c>/api/plans</c>: create (JSON or an uploaded document), read, search (<c>/search?q=&amp;status=&amp;type=&amp;sort=&amp;page=</c>), correct, delete a draft and submit plans.</summary>
internal static class PlanEndpoints
{
    /// <summary>A plan typed in rather than uploaded, or the drafter's corrections.</summary>
    /// <param name="Subject">Trích yếu.</param>
    /// <param name="DocumentType">KH (default), QĐ, TB, HD, CTr, BC, CV.</param>
    /// <param name="Fields">The document's fields (recipients, signer, reporting duties…), as a JSON object of the shape of
    /// <see cref="PlanFields"/>, read by <see cref="PlanFieldsJson.Parse"/>; on a correction, absent keeps the stored fields.</param>
    public sealed record PlanRequest(string? Subject, string? DocumentType, JsonElement? Fields);

    /// <summary>Starting the approval flow.</summary>
    /// <param name="DefinitionId">Workflow definition; default <c>plan-approval</c>.</param>
    /// <param name="NextAssignee">User name of the first task's holder where its step lets the drafter choose (chuyển xử lý).</param>
    public sealed record SubmitRequest(string? DefinitionId, string? NextAssignee = null);

    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans");
        plans.MapPost("/", CreateAsync).DisableAntiforgery();
        plans.MapGet("/scans/{id:guid}", (Guid id, HttpContext http, ScanQueue scans) =>
            scans.Find(id, http.User.ToActor()) is { } job
                ? Results.Ok(ScanJobView(job))
                : throw new WorkflowException(ErrorKind.NotFound, "Không tìm thấy lượt nhận dạng bản quét này."));
        plans.MapGet("/", async (HttpContext http, PlanStore store, CancellationToken ct) =>
            Results.Ok((await store.ListAsync(http.User.ToActor(), cancellationToken: ct)).Select(p => Summary(p))));
        plans.MapGet("/{id:guid}", async (Guid id, HttpContext http, PlanStore store, CancellationToken ct) =>
        {
            var plan = await store.GetAsync(id, http.User.ToActor(), ct);
            return Results.Ok(Summary(plan, await store.HistoryAsync(id, ct)));
        });
        plans.MapGet("/{id:guid}/consultation", async (Guid id, HttpContext http, PlanStore store, InstanceQueries instances, CancellationToken ct) =>
        {
            await store.GetAsync(id, http.User.ToActor(), ct);
            return await instances.LatestConsultationAsync(id, ct) is { } consultation
                ? Results.Ok(consultation)
                : Results.Problem(title: "Kế hoạch chưa qua bước lấy ý kiến song song nào.", statusCode: StatusCodes.Status404NotFound);
        });
        plans.MapGet("/{id:guid}/consultations", async (Guid id, HttpContext http, PlanStore store, InstanceQueries instances, CancellationToken ct) =>
        {
            await store.GetAsync(id, http.User.ToActor(), ct);
            return Results.Ok(await instances.ConsultationsAsync(id, ct));
        });
        plans.MapPut("/{id:guid}", async (Guid id, PlanRequest request, HttpContext http, PlanStore store, CancellationToken ct) =>
        {
            var fields = request.Fields is null ? null : PlanFieldsJson.Parse(request.Fields);
            var plan = await store.UpdateAsync(id, request.Subject, request.DocumentType, fields, http.User.ToActor(), ct);
            return Results.Ok(Summary(plan, await store.HistoryAsync(id, ct)));
        });
        plans.MapGet("/search", async (string? q, string? status, string? type, string? sort, int? page, int? pageSize, HttpContext http,
            PlanStore store, CancellationToken ct) =>
        {
            var result = await store.SearchAsync(http.User.ToActor(), new PlanSearch(q, status, type, sort, page ?? 1, pageSize ?? 50), ct);
            return Results.Ok(new { items = result.Items.Select(p => Summary(p)), result.Total, result.Page, result.Pages, result.PageSize, result.ByStatus });
        });
        plans.MapDelete("/{id:guid}", async (Guid id, HttpContext http, PlanStore store, CancellationToken ct) =>
        {
            await store.DeleteDraftAsync(id, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        plans.MapGet("/{id:guid}/document", async (Guid id, HttpContext http, PlanStore store, CancellationToken ct) =>
            await store.DocumentAsync(id, http.User.ToActor(), ct) is { } document
                ? Results.File(document.Content, document.MediaType, document.Name)
                : Results.Problem(title: "Kế hoạch không có tệp văn bản.", statusCode: StatusCodes.Status404NotFound));
        plans.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, WorkflowEngine engine, CancellationToken ct) =>
        {
            var request = http.Request.ContentLength > 0
                ? await http.Request.ReadFromJsonAsync<SubmitRequest>(ct)
                : null;
            var instanceId = await engine.SubmitAsync(id, request?.DefinitionId, request?.NextAssignee, http.User.ToActor(), ct);
            return Results.Ok(new { planId = id, instanceId });
        });
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PlanStore store, PlanUploads uploads, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (http.Request.HasFormContentType)
        {
            if (http.Request.ContentLength > PlanUploads.MaxBytes) throw PlanUploads.TooLarge();
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            var upload = await uploads.UploadAsync(file is null ? null : new UploadedFile(file.FileName, file.ContentType, file.Length, file.OpenReadStream),
                form["subject"].ToString(), form["documentType"].ToString(), actor, ct);
            // A scan is read by OCR off the request thread: 202 and the job to poll.
            if (upload.Scan is { } job) return Results.Accepted($"/api/plans/scans/{job.Id}", ScanJobView(job));
            return Results.Created($"/api/plans/{upload.PlanId}", Summary(await store.GetAsync(upload.PlanId!.Value, actor, ct)));
        }
        var request = await http.Request.ReadFromJsonAsync<PlanRequest>(ct)
            ?? throw WorkflowException.Invalid("subject", "Cần gửi JSON có 'subject' hoặc một tệp trong trường 'file'.");
        var plan = new NewPlan(request.Subject ?? "", request.DocumentType ?? "KH", PlanFieldsJson.Parse(request.Fields), null, null, null);
        var id = await store.CreateAsync(plan, actor, ct);
        return Results.Created($"/api/plans/{id}", Summary(await store.GetAsync(id, actor, ct)));
    }

    /// <summary>A scan's OCR job as the API and the progress page show it.</summary>
    internal static object ScanJobView(ScanJob job) => new
    {
        job.Id,
        job.State,
        job.FileName,
        job.PagesDone,
        job.PagesTotal,
        job.PlanId,
        job.Error,
    };

    private static object Summary(PlanRecord plan, IReadOnlyList<HistoryEntry>? history = null) => new
    {
        plan.Id,
        plan.Status,
        plan.CurrentStep,
        plan.Subject,
        plan.DocumentType,
        plan.BodyCode,
        plan.Number,
        plan.Symbol,
        plan.IssuedOn,
        plan.Revision,
        signing = plan.Signing is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(plan.Signing),
        fields = PlanFieldsJson.ToElement(plan.Fields),
        plan.DocumentName,
        plan.CreatedBy,
        plan.CreatedAt,
        plan.ReleasedAt,
        history = history?.Select(h => new
        {
            h.At, h.Who, h.What, h.Step, h.Outcome, h.Comment, h.Revision,
        }),
    };
}
