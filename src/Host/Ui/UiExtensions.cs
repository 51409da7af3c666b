using Workflows.Kernel;

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

    /// <summary>The schools' pages (a link with a token, no account) stay outside the sign-in requirement.</summary>
    private const string SchoolFolder = "/School/";

    private static readonly HashSet<string> PublicPages = new(StringComparer.Ordinal) { "/DangNhap", "/Loi", "/KhongCoQuyen" };

    /// <summary>Registers Razor Pages with their conventions, the error filter and the UI's queries.</summary>
    public static WebApplicationBuilder AddWorkflowsUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            // Every page needs a signed-in user except these, which carry no authorization metadata at all: the error
            // page is re-executed for requests that never reached the authorization middleware (a 404, say).
            options.Conventions.AddFolderApplicationModelConvention("/", model =>
            {
                if (!PublicPages.Contains(model.ViewEnginePath) && !model.ViewEnginePath.StartsWith(SchoolFolder, StringComparison.Ordinal))
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute());
            });
            options.Conventions.AuthorizeFolder("/QuanTri", AdminPolicy);
            options.Conventions.AddPageRoute("/BaoCao/TaoDot", Pages.BaoCao.TaoDotModel.EditRoute);
        }).AddMvcOptions(options =>
        {
            options.Filters.Add<UiErrorFilter>();
            VietnameseBindingMessages.Apply(options);
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        // Vietnamese text stays readable in the HTML instead of numeric entities (the encoder still escapes markup).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>
    /// Pages answer an error status with the Vietnamese page <c>/loi/{code}</c> (re-executed); <c>/api</c> keeps its
    /// ProblemDetails and its bare 401/403. Add after <c>UseStatusCodePages</c>, whose ProblemDetails it stands in for
    /// outside <c>/api</c>.
    /// </summary>
    public static WebApplication UseUiStatusCodePages(this WebApplication app)
    {
        // Re-executes /loi/{code} for pages (on the WebApplication itself, so the re-executed request is routed again);
        // the /api group keeps its ProblemDetails and its bare 401/403.
        app.UseStatusCodePagesWithReExecute("/loi/{0}");
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api")
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
        return app;
    }
}
