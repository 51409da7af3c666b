using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Kernel;

namespace Workflows.Host.Api;

/// <summary>
/// Turns refused requests into ProblemDetails: engine errors keep their kind (404, 403, 409, 422 naming the field),
/// unreadable request bodies give 400 naming the JSON path, an unreachable PostgreSQL
/// (wrapped or not) 503, anything else a 500 without internals.
/// </summary>
internal sealed class ApiProblems(IProblemDetailsService problems, ILogger<ApiProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var outage = Operations.DatabaseOutage.Find(exception);
        var details = exception switch
        {
            _ when outage is not null => Operations.DatabaseOutage.Problem(context, outage, logger),
            WorkflowException e => FromWorkflow(e),
            System.Text.Json.JsonException e => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Yêu cầu không đọc được.",
                Detail = $"JSON không hợp lệ tại {e.Path ?? "$"}: {e.Message}",
            },
            BadHttpRequestException e => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Yêu cầu không đọc được.",
                Detail = e.InnerException is System.Text.Json.JsonException json
                    ? $"JSON không hợp lệ tại {json.Path ?? "$"}: {json.Message}"
                    : e.Message,
            },
            _ => null,
        };
        if (details is null)
        {
            logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
            details = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Lỗi hệ thống; vui lòng thử lại." };
        }
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The ProblemDetails for an engine error.</summary>
    public static ProblemDetails FromWorkflow(WorkflowException e)
    {
        var status = e.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var details = e.Field is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        details.Status = status;
        details.Title = e.Message;
        details.Detail = e.Message;
        if (e.Field is not null) details.Extensions["field"] = e.Field;
        return details;
    }
}
