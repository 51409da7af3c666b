namespace Workflows.Host.Reporting;

/// <summary>Settings of the Quartz.NET scheduler (section <c>Workflows:Scheduler</c>).</summary>
internal sealed class SchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Scheduler";

    /// <summary>Run the scheduler in this Host process (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This node's Quartz instance id, unique in the cluster; empty: generated from host name and time.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Seconds between two runs of the reporting cycle (default 60). A step runs at most this long after its time.</summary>
    public int CycleSeconds { get; set; } = 60;

    /// <summary>Seconds between cluster check-ins; a node silent for longer is failed over and its recoverable jobs rerun (default 15).</summary>
    public int CheckinSeconds { get; set; } = 15;

    /// <summary>Quartz worker threads (default 2).</summary>
    public int Threads { get; set; } = 2;
}
