namespace Workflows.Distribution.Mail;

/// <summary>SMTP settings under <c>Workflows:Distribution:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>Server host name; also the name the server's certificate must carry under TLS.</summary>
    public string? Host { get; set; }

    /// <summary>Server port (25, 587 for STARTTLS submission, 465 for implicit TLS).</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// <c>none</c> (plain), <c>starttls</c> (upgrade the plain connection, refused when the server does not offer it) or
    /// <c>ssl-on-connect</c> (implicit TLS from the first byte, usually port 465). Case is ignored.
    /// </summary>
    public string Security { get; set; } = "none";

    /// <summary>
    /// PEM file of the certificate authorities (one or more <c>CERTIFICATE</c> blocks) that this client alone trusts for
    /// the server's certificate, instead of the machine's store: an X.509 chain with custom root trust, no revocation
    /// check (a private CA seldom publishes one). Null: the machine's trusted roots, revocation checked.
    /// </summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>
    /// Optional pins: base64 SHA-256 digests of a certificate's SubjectPublicKeyInfo (as in RFC 7469). When any is set, a
    /// valid chain must also hold a certificate whose key matches one of them.
    /// </summary>
    public List<string> CertificatePins { get; set; } = [];

    /// <summary>User name, when the server needs one.</summary>
    public string? UserName { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address, e.g. <c>"Phòng GDĐT Uông Bí" &lt;vanthu@example.org&gt;</c>.</summary>
    public string From { get; set; } = "vanthu@workflows.example.org";

    /// <summary>Reply-To of messages of a body with no entry in <see cref="ReplyTo"/>; null: no Reply-To header.</summary>
    public string? DefaultReplyTo { get; set; }

    /// <summary>Reply-To per issuing body: body code (e.g. <c>PGDĐT</c>) → address, e.g. the body's records office.</summary>
    public Dictionary<string, string> ReplyTo { get; set; } = [];

    /// <summary>
    /// Connections kept open and reused by the sender's workers (default 8). A connection is opened when a worker needs
    /// one and none is free, checked with NOOP after <see cref="NoopAfterSeconds"/> idle, reopened after a failure, and
    /// closed with QUIT after <see cref="IdleSeconds"/> idle.
    /// </summary>
    public int Connections { get; set; } = 8;

    /// <summary>Idle time after which a pooled connection is closed, in seconds (default 30).</summary>
    public int IdleSeconds { get; set; } = 30;

    /// <summary>Idle time after which a pooled connection is checked with NOOP before it is used again, in seconds (default 5).</summary>
    public int NoopAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Time allowed for one message, in seconds (default 30): waiting for a free pooled connection, connecting when needed,
    /// TLS, and the whole transaction up to the server's reply to the data. A message past it counts as a temporary failure and its connection is dropped.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>DKIM signing; every message is signed when its domain, selector and key file are set.</summary>
    public DkimOptions Dkim { get; set; } = new();
}
