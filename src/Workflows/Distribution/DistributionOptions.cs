using Workflows.Distribution.Mail;

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
    /// Workers claiming and sending rows in parallel (default 8, as many as <see cref="SmtpOptions.Connections"/>). They
    /// share the SMTP transport's pool of open connections: with more workers than connections, one worker marks its last
    /// row in the database while another already uses the connection. Each worker holds a database connection only while
    /// it claims or marks rows.
    /// </summary>
    public int Workers { get; set; } = 8;

    /// <summary>
    /// Rows the sender holds claimed at most, divided among the workers: each claims <see cref="ClaimPerWorker"/> =
    /// ⌈BatchSize / Workers⌉ rows at a time and sends them one after the other (default 64: eight per worker). Larger
    /// claims cost PostgreSQL less per message (one claim and one mark statement for all of them); a worker renews their
    /// lease while it still sends them (see <see cref="LeaseSeconds"/>).
    /// </summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Rows one worker claims at a time: ⌈<see cref="BatchSize"/> / <see cref="Workers"/>⌉, at least 1.</summary>
    public int ClaimPerWorker => Math.Max(1, (BatchSize + Math.Max(1, Workers) - 1) / Math.Max(1, Workers));

    /// <summary>
    /// Longest pause between polls of an empty outbox, in milliseconds (default 1000); a commit that writes messages wakes the
    /// senders of every node at once (<c>NOTIFY</c>).
    /// </summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a claim lasts, in seconds (default 60); a crashed sender's rows are taken over after it. A live worker
    /// renews it, before a send, once less than <see cref="SmtpOptions.TimeoutSeconds"/> + (LeaseSeconds − TimeoutSeconds)
    /// / 2 is left (with the defaults, 45 s: a claim still being sent 15 s after it was made). Must be longer than
    /// <see cref="SmtpOptions.TimeoutSeconds"/>, or a send could outlive its lease and another node send it too.
    /// </summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>First retry delay in seconds; doubles with each attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>Longest retry delay, in seconds.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>Attempts before a temporarily failing message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 12;
}
