namespace Workflows.Engine;

/// <summary>The delegation through which someone acts on a task for an absent person (<see cref="ITaskDelegation"/>).</summary>
/// <param name="OnBehalfOf">User name of the absent person (người ủy quyền).</param>
/// <param name="OnBehalfOfName">Their full name, as the history says it.</param>
/// <param name="DelegationId">The delegation's id.</param>
/// <param name="StartsOn">Its first day (Vietnam date, inclusive).</param>
/// <param name="EndsOn">Its last day (Vietnam date, inclusive).</param>
/// <param name="Reference">The written authorisation it rests on; null when none.</param>
public sealed record TaskDelegationGrant(string OnBehalfOf, string OnBehalfOfName, Guid DelegationId, DateOnly StartsOn, DateOnly EndsOn, string? Reference);
