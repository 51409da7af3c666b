using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Organisation;

namespace Workflows.Delegation;

/// <summary>A delegation from the body's head as the written authorisation to sign "TUQ." (<see cref="ISigningAuthorisations"/>, see <see cref="Delegations.SigningAuthorisationsAsync"/>).</summary>
internal sealed class DelegationSigningAuthorisations(Delegations delegations) : ISigningAuthorisations
{
    public Task<IReadOnlyList<SigningAuthorisation>> ForAsync(Actor actor, string definitionId, DateOnly today, CancellationToken cancellationToken) =>
        delegations.SigningAuthorisationsAsync(actor, definitionId, today, cancellationToken);
}
