using Workflows;
using Workflows.Definitions;
using Workflows.Host.Api;
using Workflows.Host.Cli;
using Workflows.Host.Distribution;
using Workflows.Host.Identity;
using Workflows.Host.Operations;
using Workflows.Host.Reporting;
using Workflows.Host.Startup;
using Workflows.Host.Storage;
using Workflows.Host.Ui;

if (args is ["plan", "inspect", ..]) return PlanInspectCommand.Run(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
if (!SettingsValidator.ValidateWorkflowsSettings(builder, Console.Error)) return 1;
builder.AddWorkflowsStorage();
builder.Services.AddWorkflowsCore();
builder.Services.Configure<Workflows.Organisation.OrganisationOptions>(builder.Configuration.GetSection("Workflows"));
builder.Services.AddHostedService<StartupInitializer>();
builder.AddWorkflowsIdentity();
builder.AddWorkflowsApi();
builder.AddWorkflowsDistribution();
builder.AddSchoolSubmissions();
builder.AddWorkflowsOperations();
builder.AddWorkflowsReporting();
builder.AddWorkflowsUi();

var app = builder.Build();
app.MapWorkflowsApi();
app.MapDevMail();
app.MapSchoolSubmissions();
app.MapWorkflowsOperations();
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
