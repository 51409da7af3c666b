using Workflows.Reporting.Submissions;

namespace Workflows.Host.Reporting;

/// <summary>
/// Wires the school's submission page <c>/nop-bao-cao/{token}</c> (a Razor Page, no account) and its settings
/// (<c>Workflows:Reporting:MaxUploadBytes</c>, <c>Workflows:Reporting:PublicBaseUrl</c>).
/// </summary>
internal static class SchoolSubmissionExtensions
{
    /// <summary>Registers Razor Pages, the submission store and its options.</summary>
    public static WebApplicationBuilder AddSchoolSubmissions(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages();
        // Vietnamese text in pages as characters, not &#x…; entities (the default HTML encoder escapes everything beyond
        // ASCII); markup characters are still encoded. URLs and JavaScript keep their default encoders.
        builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddWorkflowsSubmissions();
        builder.Services.Configure<SubmissionOptions>(builder.Configuration.GetSection(SubmissionOptions.Section));
        return builder;
    }

    /// <summary>Serves <c>wwwroot</c> (the page's stylesheet) and maps the Razor Pages (safe to call again elsewhere: one data source).</summary>
    public static WebApplication MapSchoolSubmissions(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
