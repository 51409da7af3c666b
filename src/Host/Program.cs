using Workflows;
using Workflows.Definitions;
using Workflows.Host.Api;
using Workflows.Host.Cli;
using Workflows.Host.Distribution;
using Workflows.Host.Documents;
using Workflows.Host.Identity;
using Workflows.Host.Operations;
using Workflows.Host.Reading;
using Workflows.Host.Reporting;
using Workflows.Host.Security;
using Workflows.Host.Startup;
using Workflows.Host.Storage;
using Workflows.Host.Ui;

if (args is ["plan", "inspect", ..]) return PlanInspectCommand.Run(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args)); // a published build finds its settings and wwwroot from any folder
if (!SettingsValidator.ValidateWorkflowsSettings(builder, Console.Error)) return 1;
builder.AddWorkflowsSecurity();
builder.AddWorkflowsStorage();
builder.Services.AddWorkflowsCore();
builder.Services.Configure<Workflows.Organisation.OrganisationOptions>(builder.Configuration.GetSection("Workflows"));
builder.Services.AddHostedService<StartupInitializer>();
builder.AddWorkflowsIdentity();
builder.AddWorkflowsApi();
builder.AddWorkflowsDistribution();
builder.AddWorkflowsDocuments();
builder.AddWorkflowsScanning();
builder.AddSchoolSubmissions();
builder.AddWorkflowsOperations();
builder.AddWorkflowsReporting();
builder.AddWorkflowsUi();

var app = builder.Build();
// The middleware pipeline, in order; the endpoints run last.
app.UseWorkflowsForwardedHeaders(); // X-Forwarded-For/-Proto from the configured proxies only: https behind TLS, the client's address
app.UseWorkflowsSecurityHeaders();  // CSP (no inline script), nosniff, no-referrer, frame-ancestors 'none', HSTS over https
app.UseRouting();
app.UseExceptionHandler();       // an API error → ProblemDetails (ApiProblems), never a stack trace
app.UseStatusCodePages();        // an API status without a body → ProblemDetails
app.UseAuthentication();         // the cookie's key → the ticket kept in PostgreSQL (PostgresTicketStore)
app.UseAuthorization();
app.UseStaticFiles();            // wwwroot: the office's and the school's stylesheets
app.UseUiStatusCodePages();      // outside /api an error status shows the Vietnamese page /loi/{code}
app.UseUiExceptionPages();       // a page that throws while rendering → that page too
app.UseWorkflowsRateLimiter();   // sign-in attempts per client address
app.UseSameSiteApi();            // /api refuses unsafe methods sent from another site
app.MapWorkflowsApi();
app.MapDevMail();
app.MapWorkflowsOperations();
app.MapSchedulerDashboard();     // /quan-tri/tac-vu: the Hangfire dashboard, Admins only
app.MapRazorPages();             // the office's pages and the school's submission page

try
{
    await app.RunAsync();
    return 0;
}
catch (WorkflowDefinitionException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
catch (Workflows.Organisation.WorkflowDefinitionSettingsException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

/// <summary>The Host's entry point (public for the functional tests' WebApplicationFactory).</summary>
public partial class Program;
