namespace Workflows.Engine;

/// <summary>What became of one running instance when an Admin moved its definition version.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="PlanId">Its plan.</param>
/// <param name="Step">The step it waits at.</param>
/// <param name="Migrated">True when it now runs the newer version.</param>
/// <param name="Reason">Why it was refused (Vietnamese); null when migrated.</param>
public sealed record MigrationResult(Guid InstanceId, Guid PlanId, string Step, bool Migrated, string? Reason);
