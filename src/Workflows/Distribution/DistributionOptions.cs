namespace Workflows.Distribution;

/// <summary>Settings under <c>Workflows:Distribution</c>.</summary>
public sealed class DistributionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Workflows:Distribution";

    /// <summary><c>Smtp</c> or <c>Pickup</c>; default Smtp when <see cref="SmtpOptions.Host"/> is set, Pickup otherwise.</summary>
    public string? Transport { get; set; }

    /// <summary>Folder for the pickup transport's <c>.eml</c> files (default: the repository's <c>data/mail</c>).</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>SMTP server settings.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Run the outbox sender in this process (default true).</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>Messages sent in parallel (System.Net.Mail never sets TCP_NODELAY, so parallel clients keep throughput).</summary>
    public int Workers { get; set; } = 12;

    /// <summary>Rows claimed at a time.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Pause between polls of an empty outbox, in milliseconds.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>How long a claim lasts; a crashed sender's rows are taken over after it, in seconds.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>First retry delay in seconds; doubles with each attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>Longest retry delay, in seconds.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Attempts before a temporarily failing message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 12;
}

/// <summary>SMTP settings under <c>Workflows:Distribution:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>Server host name.</summary>
    public string? Host { get; set; }

    /// <summary>Server port (25, 587…).</summary>
    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c> or <c>Tls</c> (implicit TLS, refused: System.Net.Mail cannot do it).</summary>
    public string Security { get; set; } = "None";

    /// <summary>User name, when the server needs one.</summary>
    public string? UserName { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address, e.g. <c>"Phòng GDĐT Uông Bí" &lt;vanthu@example.org&gt;</c>.</summary>
    public string From { get; set; } = "vanthu@workflows.example.org";

    /// <summary>Time allowed for one message, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
