using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Workflows.Host.Operations;

/// <summary>
/// A request that failed because PostgreSQL was unreachable, restarting or shutting down: its transaction was rolled
/// back (nothing of it is kept), so the answer is 503 with <c>Retry-After</c> and a message telling the user to try again.
/// </summary>
internal static class DatabaseOutage
{
    /// <summary>True for a lost or refused connection and for the server's shutdown, crash and start-up errors (SQLSTATE 57P01–57P03, class 08).</summary>
    public static bool Is(NpgsqlException exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        _ => exception.IsTransient || exception.InnerException is IOException or System.Net.Sockets.SocketException || exception.InnerException is TimeoutException,
    };

    /// <summary>
    /// The outage an exception stands for, or null: the <see cref="NpgsqlException"/> itself or one found among its inner
    /// exceptions, as EF Core (ASP.NET Core Identity's store: signing in, the security stamp check) wraps it in an
    /// <see cref="InvalidOperationException"/> ("a transient failure") or a <c>DbUpdateException</c>, and tasks in an
    /// <see cref="AggregateException"/>.
    /// </summary>
    public static NpgsqlException? Find(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException npgsql && Is(npgsql)) return npgsql;
            if (e is AggregateException aggregate)
                return aggregate.InnerExceptions.Select(Find).FirstOrDefault(found => found is not null);
        }
        return null;
    }

    /// <summary>The 503 ProblemDetails (Vietnamese), with <c>Retry-After: 5</c>.</summary>
    public static ProblemDetails Problem(HttpContext context, NpgsqlException exception, ILogger logger)
    {
        logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception.Message);
        context.Response.Headers.RetryAfter = "5";
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Cơ sở dữ liệu tạm thời không truy cập được; thao tác chưa được ghi, vui lòng thử lại sau ít phút.",
        };
    }
}
