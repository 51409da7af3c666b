using Workflows.Kernel;
using Workflows.Organisation;

namespace Workflows.Engine;

/// <summary>
/// Written authorisations to sign "TUQ." that come from data rather than configuration (a delegation, ủy quyền): asked by
/// the engine when it lists a person's signing forms and when it records a signature, and added to the body's configured
/// <see cref="IssuingBody.Authorisations"/> for <see cref="SigningPolicy"/>. Every registered source is asked.
/// </summary>
public interface ISigningAuthorisations
{
    /// <summary>The authorisations <paramref name="actor"/> holds on <paramref name="today"/> (Vietnam date) for a plan of definition <paramref name="definitionId"/>.</summary>
    Task<IReadOnlyList<SigningAuthorisation>> ForAsync(Actor actor, string definitionId, DateOnly today, CancellationToken cancellationToken);
}
