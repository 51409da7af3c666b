using Workflows.Reporting.Submissions;

namespace Workflows.Host.Reporting;

/// <summary>
/// Wires what the school's submission page <c>/nop-bao-cao/{token}</c> (a Razor Page, no account) needs, and its settings
/// (<c>Workflows:Reporting:MaxUploadBytes</c>, <c>Workflows:Reporting:PublicBaseUrl</c>).
/// </summary>
internal static class SchoolSubmissionExtensions
{
    /// <summary>Registers the submission store and its options (the page itself is one of the UI's Razor Pages).</summary>
    public static WebApplicationBuilder AddSchoolSubmissions(this WebApplicationBuilder builder)
    {
        // Vietnamese text in pages as characters, not &#x…; entities (the default HTML encoder escapes everything beyond
        // ASCII); markup characters are still encoded. URLs and JavaScript keep their default encoders.
        builder.Services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddWorkflowsSubmissions();
        builder.Services.Configure<SubmissionOptions>(builder.Configuration.GetSection(SubmissionOptions.Section));
        return builder;
    }
}
