namespace Workflows.Host.Ui;

/// <summary>
/// Wires the server-rendered web UI (Razor Pages under <c>Pages/</c>, Vietnamese): every page needs a signed-in user
/// except sign-in and the error pages, the admin folder needs the Admin role, errors outside <c>/api</c> are shown
/// as pages in Vietnamese (never a stack trace) while the API keeps its ProblemDetails and 401/403 without redirects.
/// </summary>
internal static class UiExtensions
{
    /// <summary>Name of the authorization policy of the admin pages (role Admin).</summary>
    public const string AdminPolicy = "ui-admin";

    /// <summary>Registers Razor Pages with their conventions, the error filter and the UI's queries.</summary>
    public static WebApplicationBuilder AddWorkflowsUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/DangNhap");
            options.Conventions.AllowAnonymousToPage("/Loi");
            options.Conventions.AllowAnonymousToPage("/KhongCoQuyen");
            options.Conventions.AuthorizeFolder("/QuanTri", AdminPolicy);
        }).AddMvcOptions(options => options.Filters.Add<UiErrorFilter>());
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole("Admin"));
        builder.Services.AddSingleton<UiQueries>();
        return builder;
    }

    /// <summary>Maps the pages and the stylesheet; call after <c>MapWorkflowsApi</c> (which adds authentication).</summary>
    public static WebApplication MapWorkflowsUi(this WebApplication app)
    {
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/loi/{0}"));
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
