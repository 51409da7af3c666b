namespace Workflows.Engine;

/// <summary>How many open tasks wait at one step.</summary>
/// <param name="Step">Step id in the definition, e.g. <c>review</c>.</param>
/// <param name="StepName">The step's Vietnamese name (a parallel branch's own name).</param>
/// <param name="Count">Number of open tasks.</param>
public sealed record TaskStepCount(string Step, string StepName, int Count);
