using Workflows.Audit;

namespace Workflows.Host.Api;

/// <summary><c>/api/audit</c>: checks the hash chain of the audit trail.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit/verify", async (AuditVerifier verifier, CancellationToken ct) => Results.Ok(await verifier.VerifyAsync(ct)))
            .WithTags("Audit");
        return api;
    }
}
