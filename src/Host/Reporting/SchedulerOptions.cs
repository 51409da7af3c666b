namespace Workflows.Host.Reporting;

/// <summary>Settings of the Hangfire job server of this node (section <c>Workflows:Scheduler</c>).</summary>
internal sealed class SchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Scheduler";

    /// <summary>Run a Hangfire server (workers, delayed and recurring job schedulers) in this Host process (default true). A node without one still schedules jobs and shows the dashboard.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This node's name among the Hangfire servers (its server id is <c>name:process-id:guid</c>, lower case); empty: the machine name.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Hangfire workers of this node: jobs run at once (default 2).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Seconds between two looks for delayed jobs whose instant has come (Hangfire's <c>SchedulePollingInterval</c>; 1–5, default 1): a step runs at most this long after its instant.</summary>
    public int PollingSeconds { get; set; } = 1;

    /// <summary>Seconds between two heartbeats of this node's server (default 15); a server silent for four of them is removed by the others and this node is not ready.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>The server name Hangfire gets: <see cref="InstanceId"/> or the machine name.</summary>
    public string ServerName => string.IsNullOrWhiteSpace(InstanceId) ? Environment.MachineName : InstanceId;
}
