using System.Text;
using Microsoft.Extensions.Options;
using Workflows.Distribution;
using Workflows.Distribution.Mail;
using Workflows.Host.Identity;
using Workflows.Host.Startup;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Distribution;

/// <summary>Wires distribution into the Host: options, the directory seed and outbox sender, the HTTP API and <c>/dev/mail</c>.</summary>
internal static class DistributionExtensions
{
    /// <summary>Binds <c>Workflows:Distribution</c>, registers the services and the hosted sender (call after the start-up initializer).</summary>
    public static WebApplicationBuilder AddWorkflowsDistribution(this WebApplicationBuilder builder)
    {
        var pickup = Path.Combine(HostPaths.RepositoryRoot(builder.Environment.ContentRootPath), "data", "mail");
        builder.Services.AddWorkflowsDistribution(pickup);
        builder.Services.Configure<DistributionOptions>(builder.Configuration.GetSection(DistributionOptions.Section));
        builder.Services.AddHostedService<DistributionHostedService>();
        return builder;
    }

    /// <summary>A clerk's pick for one Nơi nhận line.</summary>
    /// <param name="EntryId">The directory entry.</param>
    public sealed record ChoiceRequest(Guid? EntryId);

    /// <summary>A clerk's "gửi bổ sung" of a released plan.</summary>
    /// <param name="EntryId">The directory entry (a group: its members) to send the plan to.</param>
    public sealed record SupplementaryRequest(Guid? EntryId);

    /// <summary>Maps <c>/api/directory</c> (and <c>/api/directory/search?q=&amp;kind=&amp;sort=&amp;page=&amp;pageSize=</c>, one page with counts), <c>/api/plans/{id}/recipients</c>, <c>/api/plans/{id}/release-recipients</c> and <c>/api/plans/{id}/deliveries</c>.</summary>
    public static RouteGroupBuilder MapDistributionEndpoints(this RouteGroupBuilder api)
    {
        var directory = api.MapGroup("/directory").WithTags("Directory");
        directory.MapGet("/", async (string? q, string? kind, DirectoryStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(q, kind, ct)));
        directory.MapGet("/search", async (string? q, string? kind, string? sort, int? page, int? pageSize, DirectoryStore store, CancellationToken ct) =>
            Results.Ok(await store.SearchAsync(new DirectorySearch(q, kind, sort, page ?? 1, pageSize ?? 50), ct)));
        directory.MapGet("/{id:guid}", async (Guid id, DirectoryStore store, CancellationToken ct) => Results.Ok(await store.GetAsync(id, ct)));
        directory.MapPost("/", async (DirectoryEntryInput input, HttpContext http, DirectoryStore store, CancellationToken ct) =>
        {
            var entry = await store.CreateAsync(input, http.User.ToActor(), ct);
            return Results.Created($"/api/directory/{entry.Id}", entry);
        });
        directory.MapPut("/{id:guid}", async (Guid id, DirectoryEntryInput input, HttpContext http, DirectoryStore store, CancellationToken ct) =>
            Results.Ok(await store.UpdateAsync(id, input, http.User.ToActor(), ct)));
        directory.MapDelete("/{id:guid}", async (Guid id, HttpContext http, DirectoryStore store, CancellationToken ct) =>
        {
            await store.DeleteAsync(id, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        directory.MapPost("/import", async (HttpContext http, DirectoryStore store, CancellationToken ct) =>
        {
            // A multipart upload carries the file in the field 'file'; any other body is the CSV itself.
            var actor = http.User.ToActor();
            if (!http.Request.HasFormContentType) return Results.Ok(await store.ImportCsvAsync(http.Request.Body, actor, ct));
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw WorkflowException.Invalid("file", "Cần gửi tệp CSV trong trường 'file'.");
            await using var content = file.OpenReadStream();
            return Results.Ok(await store.ImportCsvAsync(content, actor, ct));
        }).DisableAntiforgery();

        var plans = api.MapGroup("/plans").WithTags("Distribution");
        plans.MapGet("/{id:guid}/recipients", async (Guid id, HttpContext http, PlanStore store, PlanRecipients recipients, CancellationToken ct) =>
        {
            var plan = await store.GetAsync(id, http.User.ToActor(), ct);
            var lines = await recipients.ResolveAsync(id, plan.Fields, ct);
            return Results.Ok(lines.Select(l => new
            {
                lineIndex = l.Index,
                l.Text,
                l.State,
                l.Purpose,
                l.ChosenByClerk,
                entries = l.Entries.Select(e => new { e.Id, e.Name, e.Kind }),
                addresses = l.Recipients.Select(r => new { r.Id, r.Name, r.Email }),
                candidates = l.Candidates.Select(c => new { c.Id, c.Name, c.Kind, c.Email }),
            }));
        });
        plans.MapPut("/{id:guid}/recipients/{lineIndex:int}", async (Guid id, int lineIndex, ChoiceRequest request, HttpContext http, PlanStore store,
            PlanRecipients recipients, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await recipients.ChooseAsync(id, lineIndex, request.EntryId, actor, clock.GetUtcNow(), ct);
            var plan = await store.GetAsync(id, actor, ct);
            var line = (await recipients.ResolveAsync(id, plan.Fields, ct)).Single(l => l.Index == lineIndex);
            return Results.Ok(new { lineIndex, line.State, entries = line.Entries.Select(e => new { e.Id, e.Name }), addresses = line.Recipients.Select(r => r.Email) });
        });
        plans.MapGet("/{id:guid}/release-recipients", async (Guid id, HttpContext http, ReleaseRecipients released, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            return Results.Ok(new
            {
                recipients = await released.ListAsync(id, actor, ct),
                lateAdditions = (await released.LateAdditionsAsync(id, actor, ct)).Select(e => new { e.Id, e.Name, e.Kind, e.Email }),
            });
        });
        plans.MapPost("/{id:guid}/release-recipients", async (Guid id, SupplementaryRequest request, HttpContext http, ReleaseRecipients released,
            TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await released.SendSupplementaryAsync(id, request.EntryId, http.User.ToActor(), clock.GetUtcNow(), ct)));
        plans.MapGet("/{id:guid}/deliveries", async (Guid id, HttpContext http, DeliveryStore deliveries, CancellationToken ct) =>
            Results.Ok(await deliveries.ListAsync(id, http.User.ToActor(), ct)));
        plans.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/resend", async (Guid id, Guid deliveryId, HttpContext http,
            DeliveryStore deliveries, TimeProvider clock, CancellationToken ct) =>
        {
            await deliveries.ResendAsync(id, deliveryId, http.User.ToActor(), clock.GetUtcNow(), ct);
            return Results.Accepted();
        });
        return api;
    }

    /// <summary>
    /// Maps <c>/dev/mail/{file}</c>: one raw <c>.eml</c> file of the pickup folder (the list is the page <c>/dev/mail</c>),
    /// for Admins, in Development only (<see cref="Security.DevMailAccess"/>): the raw file carries submission links whole.
    /// </summary>
    public static WebApplication MapDevMail(this WebApplication app)
    {
        var dev = app.MapGroup("/dev/mail").RequireAuthorization(Ui.UiExtensions.AdminPolicy);
        // GET /dev/mail itself is the Razor Page Pages/Dev/Mail.cshtml (same look as the rest of the UI).
        dev.MapGet("/{file}", (string file, IMailTransport transport, Security.DevMailAccess access) =>
        {
            if (!access.RawFilesEnabled || transport is not PickupFolderMailTransport pickup || file != Path.GetFileName(file)
                || !file.EndsWith(".eml", StringComparison.Ordinal))
                return Results.NotFound();
            var path = Path.Combine(pickup.Directory, file);
            return File.Exists(path) ? Results.File(path, "message/rfc822", file) : Results.NotFound();
        });
        return app;
    }
}

/// <summary>Seeds the demo directory (embedded default or <c>Workflows:SeedDemo</c>), then runs the outbox sender.</summary>
internal sealed class DistributionHostedService(
    DirectoryStore directory,
    IServiceProvider services,
    IOptions<DistributionOptions> options,
    IConfiguration configuration,
    ILogger<DistributionHostedService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>("Workflows:Embedded") || configuration.GetValue<bool>("Workflows:SeedDemo"))
            await directory.SeedDemoAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled) return;
        var sender = services.GetRequiredService<OutboxSender>();
        logger.LogInformation("Outbox sender {Worker} started", sender.Worker);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await sender.RunOnceAsync(stoppingToken) > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "Outbox sender failed; trying again");
            }
            try { await sender.WaitForWorkAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
