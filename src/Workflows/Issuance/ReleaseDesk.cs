using Workflows.Engine;
using Workflows.Plans;

namespace Workflows.Issuance;

/// <summary>What the clerk's desk shows (<see cref="ReleaseQueue.ListAsync"/>).</summary>
/// <param name="Waiting">The open release tasks of the body: signed plans waiting for their number, oldest due first.</param>
/// <param name="Released">Plans issued or released lately, newest first.</param>
/// <param name="NextSymbol">The number and symbol the next plan (type KH) would get today, e.g. "05/KH-PGDĐT".</param>
public sealed record ReleaseDesk(IReadOnlyList<HumanTaskView> Waiting, IReadOnlyList<PlanRecord> Released, string NextSymbol);
