using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Delegation;

/// <summary>Registers delegation (ủy quyền).</summary>
public static class DelegationServiceCollectionExtensions
{
    /// <summary>Adds <see cref="Delegations"/> and plugs it into the engine: who gets a task, who acts on a task for an absent person, and "TUQ." authorisations.</summary>
    public static IServiceCollection AddDelegation(this IServiceCollection services)
    {
        services.TryAddSingleton<Delegations>();
        services.AddSingleton<Engine.ITaskAssigneeResolver, DelegationAssigneeResolver>();
        services.AddSingleton<Engine.ISigningAuthorisations, DelegationSigningAuthorisations>();
        services.TryAddSingleton<Engine.ITaskDelegation, TaskDelegation>();
        return services;
    }
}
