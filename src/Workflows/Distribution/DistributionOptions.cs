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

    /// <summary>
    /// Messages sent in parallel, each by a worker of its own over a connection of its own (default 64). System.Net.Mail
    /// opens a new connection per message and never sets TCP_NODELAY, so one message waits about 40 ms on Nagle and
    /// delayed ACK; throughput comes from many connections at once. Each worker holds a database connection only while
    /// it claims or marks rows.
    /// </summary>
    public int Workers { get; set; } = 64;

    /// <summary>
    /// Rows the sender holds claimed at most, divided among the workers: each claims <see cref="ClaimPerWorker"/> =
    /// ⌈BatchSize / Workers⌉ rows at a time and sends them one after the other (default 128: two per worker).
    /// </summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Rows one worker claims at a time: ⌈<see cref="BatchSize"/> / <see cref="Workers"/>⌉, at least 1.</summary>
    public int ClaimPerWorker => Math.Max(1, (BatchSize + Math.Max(1, Workers) - 1) / Math.Max(1, Workers));

    /// <summary>Pause between polls of an empty outbox, in milliseconds.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a claim lasts, in seconds (default 120); a crashed sender's rows are taken over after it. Must be longer
    /// than <see cref="ClaimPerWorker"/> × <see cref="SmtpOptions.TimeoutSeconds"/> (the last row of a claim waits for
    /// the ones ahead of it), or another node may send a message still being sent.
    /// </summary>
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

    /// <summary>Time allowed for one message, in seconds (default 30; <c>SmtpClient.Timeout</c>, which bounds asynchronous sends too).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
