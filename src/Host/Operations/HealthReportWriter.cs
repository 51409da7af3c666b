using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Workflows.Host.Identity;
using Workflows.Host.Security;
using Workflows.Kernel;
using Workflows.Organisation;

namespace Workflows.Host.Operations;

/// <summary>
/// Writes a health report for <c>/health/live</c> and <c>/health/ready</c>: <c>{status}</c> for anyone, and for those
/// <see cref="MaySeeDetails"/> lets through <c>{status, durationMs, checks: {name: {status, description, durationMs, data}}}</c>
/// (durations in milliseconds). No exception text is ever written.
/// </summary>
internal static class HealthReportWriter
{
    /// <summary>
    /// True when the caller reads the checks' details: an administrator (<see cref="Administration.MayAdminister"/>), or
    /// anyone (signed in or not) calling from one of <see cref="SecurityOptions.HealthDetailsNetworks"/> (a monitoring network).
    /// </summary>
    /// <param name="actor">The signed-in person, null for an anonymous caller.</param>
    /// <param name="address">The caller's address (after the known proxies' forwarding), null when unknown.</param>
    /// <param name="security">The settings <c>Workflows:Security</c>.</param>
    public static bool MaySeeDetails(Actor? actor, IPAddress? address, SecurityOptions security) =>
        (actor is not null && Administration.MayAdminister(actor)) || security.SeesHealthDetails(address);

    /// <summary>The health checks' response writer: the JSON above, never cached.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var security = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var actor = context.User.Identity?.IsAuthenticated == true ? context.User.ToActor() : null;
        if (!MaySeeDetails(actor, context.Connection.RemoteIpAddress, security))
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonSerializerOptions.Web));
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
