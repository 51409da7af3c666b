using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Workflows.Host.Security;

/// <summary>
/// What protects the Host at its edge, in the order of the pipeline: forwarded headers believed only from the proxies
/// configured (<see cref="SecurityOptions.KnownProxies"/>, <see cref="SecurityOptions.KnownNetworks"/>), so behind a
/// TLS proxy the request is https and the cookies <c>Secure</c>; the security headers (NetEscapades.AspNetCore.SecurityHeaders):
/// a Content-Security-Policy without inline script or style, <c>frame-ancestors 'none'</c>, <c>X-Content-Type-Options: nosniff</c>,
/// <c>Referrer-Policy: no-referrer</c> (submission links carry tokens), HSTS when the request is https; the sign-in (and
/// password change) rate limit per client address (ASP.NET Core's rate limiter middleware); <c>/api</c> refusing unsafe methods sent from
/// another site (<c>Origin</c>, <c>Sec-Fetch-Site</c>); and Kestrel's minimum request body data rate.
/// </summary>
internal static class SecurityExtensions
{
    /// <summary>Registers the options, forwarded headers, header policy, rate limiter and Kestrel limits.</summary>
    public static WebApplicationBuilder AddWorkflowsSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.Section);
        builder.Services.Configure<SecurityOptions>(section);
        builder.Services.AddSingleton<DevMailAccess>();
        var options = section.Get<SecurityOptions>() ?? new SecurityOptions();

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in the settings are believed (ASP.NET Core would otherwise trust loopback).
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.ProxyAddresses()) forwarded.KnownProxies.Add(proxy);
            foreach (var network in options.ProxyNetworks()) forwarded.KnownIPNetworks.Add(network);
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context.Request)
                ? RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ =>
                {
                    var o = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                    return new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = o.SignInPerAddressBurst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / o.SignInPerAddressPerMinute,
                        QueueLimit = 0,
                    };
                })
                : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = (context, ct) => TooManyAsync(context, ct);
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(options.MinRequestBodyGraceSeconds)));
        return builder;
    }

    /// <summary>Forwarded headers from the configured proxies; first in the pipeline.</summary>
    public static WebApplication UseWorkflowsForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>The security headers on every answer (pages, API, static files, errors).</summary>
    public static WebApplication UseWorkflowsSecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders(policies => policies
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyNoReferrer()
            .AddFrameOptionsDeny()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddStrictTransportSecurityMaxAge(365 * 24 * 3600) // sent only over https (after forwarded headers)
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().None();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            }));
        return app;
    }

    /// <summary>The sign-in rate limit per client address (after routing and authentication).</summary>
    public static WebApplication UseWorkflowsRateLimiter(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// <c>/api</c> answers 403 to an unsafe method (anything but GET, HEAD, OPTIONS, TRACE) whose <c>Origin</c> is another
    /// origin (or <c>null</c>), or whose <c>Sec-Fetch-Site</c> is <c>cross-site</c> or <c>same-site</c>. A call without
    /// either header (curl, a script) is not a browser's and passes to the cookie and role checks as before.
    /// </summary>
    public static WebApplication UseSameSiteApi(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api") && !IsSafe(request.Method) && FromAnotherSite(request) is { } reason)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Yêu cầu gửi từ một trang web khác bị từ chối.",
                        Detail = reason,
                    },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Why the request comes from another site, or null.</summary>
    internal static string? FromAnotherSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site") return $"Sec-Fetch-Site: {fetchSite}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : $"Origin {origin} khác {own}";
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>
    /// A password tried: a sign-in (<c>POST /api/auth/login</c> or the sign-in page's form) or a password change
    /// (<c>POST /api/account/password</c> or the form of <c>/doi-mat-khau</c>), one limit per address for both.
    /// </summary>
    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (IsLogin(request) || IsPasswordChange(request));

    private static bool IsLogin(HttpRequest request) =>
        request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/dang-nhap", StringComparison.OrdinalIgnoreCase);

    private static bool IsPasswordChange(HttpRequest request) =>
        request.Path.Equals("/api/account/password", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/doi-mat-khau", StringComparison.OrdinalIgnoreCase);

    /// <summary>429 with <c>Retry-After</c>: ProblemDetails for <c>/api</c>, the Vietnamese error page for the form.</summary>
    private static ValueTask TooManyAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = IsPasswordChange(context.Request)
            ? $"Quá nhiều lần thử mật khẩu từ địa chỉ này; hãy chờ {seconds} giây rồi thử lại."
            : $"Quá nhiều lần đăng nhập từ địa chỉ này; hãy chờ {seconds} giây rồi thử lại.";
        if (context.Request.Path.StartsWithSegments("/api"))
            return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = message },
            });
        // The page: an empty 429 that the status code pages show as /loi/429 with this sentence.
        context.Items[Ui.UiErrorFilter.MessageKey] = message;
        return ct.IsCancellationRequested ? ValueTask.FromCanceled(ct) : ValueTask.CompletedTask;
    }
}
