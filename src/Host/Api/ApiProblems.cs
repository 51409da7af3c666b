using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Kernel;

namespace Workflows.Host.Api;

/// <summary>
/// Turns refused requests into ProblemDetails: engine errors keep their kind (404, 403, 409, 422 naming the field),
/// unreadable request bodies give 400 naming the JSON path, an unreachable PostgreSQL (wrapped or not) 503, anything else
/// a 500 without internals. No answer carries an exception's message: those of System.Text.Json and of parameter binding
/// name internal types ("could not be converted to Workflows.Host.Api…"); the answer says in Vietnamese what was wrong
/// and where, the log keeps the rest.
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
            System.Text.Json.JsonException e => Unreadable(StatusCodes.Status400BadRequest, e),
            BadHttpRequestException e => Unreadable(e.StatusCode, e.InnerException as System.Text.Json.JsonException),
            _ => null,
        };
        if (exception is System.Text.Json.JsonException or BadHttpRequestException)
            logger.LogInformation(exception, "Unreadable request on {Path}", context.Request.Path);
        if (details is null)
        {
            logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
            details = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Lỗi hệ thống; vui lòng thử lại." };
        }
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A request the server could not read: the JSON path when it was JSON, never the exception's text.</summary>
    private static ProblemDetails Unreadable(int status, System.Text.Json.JsonException? json) => new()
    {
        Status = status,
        Title = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Yêu cầu quá lớn.",
            StatusCodes.Status408RequestTimeout => "Yêu cầu gửi quá chậm.",
            _ => "Yêu cầu không đọc được.",
        },
        Detail = json is not null
            ? $"JSON không hợp lệ tại {json.Path ?? "$"}: sai cú pháp, hoặc giá trị không đúng kiểu hay thiếu trường bắt buộc."
            : status == StatusCodes.Status413PayloadTooLarge ? "Nội dung gửi lên vượt giới hạn cho phép."
            : "Thiếu dữ liệu, hoặc dữ liệu không đúng dạng (JSON cho /api).",
    };

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
