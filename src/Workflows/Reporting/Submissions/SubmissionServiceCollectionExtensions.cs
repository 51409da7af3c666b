using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Reporting.Submissions;

/// <summary>Registers the submission side of reporting (bind <see cref="SubmissionOptions"/> separately).</summary>
public static class SubmissionServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SubmissionStore"/> and the options.</summary>
    public static IServiceCollection AddWorkflowsSubmissions(this IServiceCollection services)
    {
        services.AddOptions<SubmissionOptions>();
        services.AddSingleton<SubmissionStore>();
        return services;
    }
}
