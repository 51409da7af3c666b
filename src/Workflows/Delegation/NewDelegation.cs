namespace Workflows.Delegation;

/// <summary>What a user types to record an absence with a delegate (API body and page form alike).</summary>
/// <param name="Delegate">User name of the delegate: a colleague of the same body.</param>
/// <param name="StartsOn">First day (Vietnam date, inclusive): today or later.</param>
/// <param name="EndsOn">Last day (Vietnam date, inclusive): not before <paramref name="StartsOn"/>, at most a year after it.</param>
/// <param name="Definitions">Workflow definition ids it covers; null or empty: all.</param>
/// <param name="Reference">The written authorisation it rests on (optional, at most 200 characters).</param>
public sealed record NewDelegation(string? Delegate, DateOnly? StartsOn, DateOnly? EndsOn, IReadOnlyList<string>? Definitions, string? Reference);
