using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Delegation;

/// <summary>Registers delegation (ủy quyền).</summary>
public static class DelegationServiceCollectionExtensions
{
    /// <summary>Adds <see cref="Delegations"/>.</summary>
    public static IServiceCollection AddDelegation(this IServiceCollection services)
    {
        services.TryAddSingleton<Delegations>();
        return services;
    }
}
