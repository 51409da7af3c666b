using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Definitions.Diagrams;
using Workflows.Engine;
using Workflows.Issuance;
using Workflows.Plans;

namespace Workflows;

/// <summary>Registers the engine and the domain services; the caller registers an <c>NpgsqlDataSource</c>.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>Adds the workflow engine, the plan store, the built-in actions and the audit verifier.</summary>
    public static IServiceCollection AddWorkflowsCore(this IServiceCollection services)
    {
        Storage.DapperSetup.Apply();
        PlanFieldsTypeHandler.Register();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => VietnamWorkingCalendar.WithShippedYears());
        services.TryAddSingleton<IWorkingCalendar>(sp => sp.GetRequiredService<VietnamWorkingCalendar>());
        services.AddSingleton<IStepAction, IssueNumberAction>();
        services.AddSingleton<IStepAction, ReleaseAction>();
        services.AddOptions<Plans.Documents.DocumentOptions>();
        services.TryAddSingleton<Plans.Documents.IDocumentConverter, Plans.Documents.LibreOfficeConverter>();
        services.TryAddSingleton<Plans.Documents.IPdfSigner, Plans.Documents.PopplerPdfSigner>();
        services.TryAddSingleton<Plans.Documents.KeyProtector>();
        services.TryAddSingleton<Plans.Documents.SigningKeys>();
        services.TryAddSingleton<Plans.Documents.IssuedDocuments>();
        services.TryAddSingleton<Plans.Documents.IssuedDocumentQueries>();
        services.TryAddSingleton(sp => new Plans.Documents.SigningKeyAdministration(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Organisation.OrganisationOptions>>(),
            sp.GetRequiredService<Plans.Documents.SigningKeys>()));
        services.AddSingleton<IStepAction, Plans.Documents.SignDocumentAction>();
        services.AddSingleton<IStepAction, Plans.Documents.SealDocumentAction>();
        services.AddOptions<Reporting.ReportingOptions>();
        services.TryAddSingleton<Reporting.ReportingScheduleStore>();
        services.TryAddSingleton<Reporting.ReportCampaigns>();
        services.TryAddSingleton<Reporting.DutyAudiences>();
        services.TryAddSingleton<Reporting.ScheduleChanges>();
        services.TryAddSingleton<Reporting.Steps.UpcomingSteps>();
        services.AddSingleton<IStepAction, Reporting.ActivateReportingAction>();
        services.TryAddSingleton(sp => new Organisation.RoleCatalog(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Organisation.OrganisationOptions>>().Value.Roles));
        services.AddSingleton(sp => new WorkflowDefinitionParser(sp.GetServices<IStepAction>().Select(a => a.Name), sp.GetRequiredService<Organisation.RoleCatalog>().Codes));
        services.AddSingleton<WorkflowDefinitionCatalog>();
        services.AddSingleton<IWorkflowSubjects, PlanWorkflowSubjects>();
        services.AddSingleton<WorkflowEngine>();
        services.TryAddSingleton<ITaskMail, TaskTimers.OutboxTaskMail>();
        services.AddSingleton<ITaskOpenedHandler, TaskTimers.TaskTimerScheduler>();
        services.AddSingleton<Reporting.Steps.ITaskTimerHandler, TaskTimers.TaskTimerHandler>();
        services.AddSingleton<TaskTimers.TaskTimerStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<InstanceQueries>();
        services.AddSingleton<DefinitionQueries>();
        services.AddWorkflowDiagrams();
        Delegation.DelegationServiceCollectionExtensions.AddDelegation(services);
        Notifications.NotificationServiceCollectionExtensions.AddNotifications(services);
        // The notification emails link to the Host's public address, the one the schools' links use.
        services.AddOptions<Notifications.NotificationOptions>().Configure<Microsoft.Extensions.Options.IOptions<Reporting.ReportingOptions>>(
            (notifications, reporting) => notifications.PublicBaseUrl = reporting.Value.PublicBaseUrl);
        services.AddSingleton<IssuanceQueries>();
        services.AddSingleton<ReleaseQueue>();
        services.TryAddSingleton(sp => new OutgoingRegister(sp.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.TryAddSingleton(sp => new PlanRecalls(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<Reporting.ScheduleChanges>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Organisation.OrganisationOptions>>()));
        services.AddSingleton<PlanListQueries>();
        services.AddSingleton<Reporting.Status.ReportingStatusQueries>();
        services.AddSingleton<Reporting.Status.MatrixPages>();
        services.AddSingleton<Reporting.Status.ReportingProgress>();
        services.AddSingleton<AuditSealer>();
        services.TryAddSingleton(sp => new Telemetry.WorkflowsMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        return services;
    }
}
