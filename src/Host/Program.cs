using Workflows;
using Workflows.Definitions;
using Workflows.Host.Api;
using Workflows.Host.Cli;
using Workflows.Host.Identity;
using Workflows.Host.Startup;
using Workflows.Host.Storage;
using Workflows.Host.Ui;

if (args is ["plan", "inspect", ..]) return PlanInspectCommand.Run(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
if (!Workflows.Host.Operations.SettingsValidator.ValidateWorkflowsSettings(builder, Console.Error)) return 1;
builder.AddWorkflowsStorage();
builder.Services.AddWorkflowsCore();
builder.Services.Configure<Workflows.Organisation.OrganisationOptions>(builder.Configuration.GetSection("Workflows"));
builder.Services.AddHostedService<StartupInitializer>();
builder.AddWorkflowsIdentity();
builder.AddWorkflowsApi();
Workflows.Host.Distribution.DistributionExtensions.AddWorkflowsDistribution(builder);
Workflows.Host.Reporting.SchoolSubmissionExtensions.AddSchoolSubmissions(builder);
Workflows.Host.Operations.OperationsExtensions.AddWorkflowsOperations(builder);
Workflows.Host.Reporting.ReportingExtensions.AddWorkflowsReporting(builder);
builder.AddWorkflowsUi();

var app = builder.Build();
app.MapWorkflowsApi();
Workflows.Host.Distribution.DistributionExtensions.MapDevMail(app);
Workflows.Host.Reporting.SchoolSubmissionExtensions.MapSchoolSubmissions(app);
Workflows.Host.Operations.OperationsExtensions.MapWorkflowsOperations(app);
app.MapWorkflowsUi();
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

/// <summary>The Host's entry point (public for the functional tests' WebApplicationFactory).</summary>
public partial class Program;
