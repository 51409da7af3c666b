using Workflows.Host.Distribution;
using Workflows.Host.Documents;
using Workflows.Host.Register;
using Workflows.Host.Reporting;

namespace Workflows.Host.Api;

/// <summary>Maps the HTTP API under <c>/api</c>: one group applying authentication once.</summary>
internal static class ApiExtensions
{
    public static WebApplicationBuilder AddWorkflowsApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTitles.Customize);
        builder.Services.AddExceptionHandler<ApiProblems>();
        builder.Services.AddOpenApi();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        return builder;
    }

    /// <summary>
    /// Maps the OpenAPI document (<c>/openapi/v1.json</c>, signed-in users only) and the <c>/api</c> group. Its errors become ProblemDetails through
    /// <c>UseExceptionHandler</c> and <c>UseStatusCodePages</c>, which <c>Program.cs</c> adds to the pipeline.
    /// </summary>
    public static WebApplication MapWorkflowsApi(this WebApplication app)
    {
        app.MapOpenApi().RequireAuthorization(); // the API's shape is for signed-in users, not for anonymous probing
        app.MapGroup("/api")
            .RequireAuthorization()
            .MapAuthEndpoints()
            .MapAccountEndpoints()
            .MapPlanEndpoints()
            .MapTaskEndpoints()
            .MapDiagramEndpoints()
            .MapDefinitionEndpoints()
            .MapDelegationEndpoints()
            .MapNotificationEndpoints()
            .MapAdminUserEndpoints()
            .MapAuditEndpoints()
            .MapDistributionEndpoints()
            .MapDocumentEndpoints()
            .MapRegisterEndpoints()
            .MapSubmissionEndpoints()
            .MapReportingEndpoints();
        return app;
    }
}
