using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Definitions.Diagrams;

/// <summary>Registers the workflow diagrams (Graphviz <c>dot</c>, one renderer and its cache per process).</summary>
public static class DiagramServiceCollectionExtensions
{
    /// <summary>Adds <c>WorkflowDiagrams</c> and its renderer.</summary>
    public static IServiceCollection AddWorkflowDiagrams(this IServiceCollection services)
    {
        services.TryAddSingleton<GraphvizRenderer>();
        services.TryAddSingleton<WorkflowDiagrams>();
        return services;
    }
}
