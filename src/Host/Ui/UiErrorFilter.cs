using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Workflows.Kernel;

namespace Workflows.Host.Ui;

/// <summary>
/// Turns what a page handler did not handle itself into an error page: a refused record (another body, wrong role)
/// gives 403, a missing one 404, a state change that lost a race 409, bad input 422, an unreachable PostgreSQL 503
/// with <c>Retry-After</c>, anything else 500 — each
/// rendered by <c>/loi/{code}</c> with the engine's Vietnamese sentence, never a stack trace.
/// </summary>
internal sealed class UiErrorFilter(ILogger<UiErrorFilter> logger) : IAsyncPageFilter
{
    /// <summary>Key of <see cref="HttpContext.Items"/> holding the sentence the error page shows.</summary>
    public const string MessageKey = "ui.error.message";

    /// <summary>The sentence shown when PostgreSQL is unreachable (503, <c>Retry-After: 5</c>): nothing of the request was kept.</summary>
    public const string DatabaseUnavailable =
        "Cơ sở dữ liệu tạm thời không truy cập được; thao tác chưa được ghi, vui lòng thử lại sau ít phút.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        var outage = Operations.DatabaseOutage.Find(executed.Exception) is not null;
        var status = executed.Exception switch
        {
            _ when outage => StatusCodes.Status503ServiceUnavailable,
            WorkflowException { Kind: ErrorKind.Forbidden } => StatusCodes.Status403Forbidden,
            WorkflowException { Kind: ErrorKind.NotFound } => StatusCodes.Status404NotFound,
            WorkflowException { Kind: ErrorKind.Conflict } => StatusCodes.Status409Conflict,
            WorkflowException => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status500InternalServerError,
        };
        if (executed.Exception is WorkflowException known) context.HttpContext.Items[MessageKey] = known.Message;
        else if (outage)
        {
            logger.LogWarning("Database unavailable on page {Path}: {Error}", context.HttpContext.Request.Path, executed.Exception.Message);
            context.HttpContext.Response.Headers.RetryAfter = "5";
            context.HttpContext.Items[MessageKey] = DatabaseUnavailable;
        }
        else logger.LogError(executed.Exception, "Unhandled error on page {Path}", context.HttpContext.Request.Path);
        executed.ExceptionHandled = true;
        executed.Result = new StatusCodeResult(status);
    }
}
