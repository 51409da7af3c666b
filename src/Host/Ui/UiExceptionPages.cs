using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Host.Ui;

/// <summary>
/// Catches what a Razor Page throws outside its handler (while its view renders, say) before the API's exception handler
/// would write JSON: the response is cleared and given its status (500, or 503 with <c>Retry-After</c> when PostgreSQL is
/// unreachable), and the status code pages re-execute <c>/loi/{code}</c>, so the user sees the Vietnamese error page in
/// the UI's look, never a stack trace. Requests to <c>/api</c> and other endpoints are left to the API's handler.
/// </summary>
internal static class UiExceptionPages
{
    /// <summary>Adds the middleware; call inside <c>UseStatusCodePagesWithReExecute</c>, before the endpoints run.</summary>
    public static IApplicationBuilder UseUiExceptionPages(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsPage(context) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UiExceptionPages));
            var outage = Operations.DatabaseOutage.Find(e) is not null;
            if (outage) logger.LogWarning("Database unavailable on page {Path}: {Error}", context.Request.Path, e.Message);
            else logger.LogError(e, "Unhandled error while rendering page {Path}", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = outage ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            if (outage)
            {
                context.Response.Headers.RetryAfter = "5";
                context.Items[UiErrorFilter.MessageKey] = UiErrorFilter.DatabaseUnavailable;
            }
        }
    });

    private static bool IsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor;
}
