using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Workflows.Distribution.Mail;

/// <summary>
/// SMTP through MailKit, over a pool of at most <see cref="SmtpOptions.Connections"/> connections kept open and reused by
/// every caller (the outbox sender's workers): a send takes a free connection (the most recently used first), opens one
/// when none is free and the pool is below its size, or waits. A connection idle for <see cref="SmtpOptions.NoopAfterSeconds"/>
/// is checked with NOOP before use (servers drop idle clients) and reopened when it fails; one idle for
/// <see cref="SmtpOptions.IdleSeconds"/> is closed with QUIT. After a refused recipient, sender or message (an SMTP reply
/// to a command) MailKit resets the transaction (RSET) and the connection goes on; after a connection, TLS, protocol or
/// time-limit failure it is dropped and the next send opens a new one.
/// Classification: 4xx replies and every connection failure are <see cref="MailFailure.Temporary"/> (the outbox retries
/// with growing delays); 5xx replies are <see cref="MailFailure.Permanent"/>, for that message only. With DKIM settings
/// every message is signed before it is sent.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport, IAsyncDisposable, IDisposable
{
    private readonly SmtpOptions _options;
    private readonly SecureSocketOptions _security;
    private readonly ServerCertificateCheck _certificates;
    private readonly DkimMailSigner? _dkim;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<Connection> _idle = new();
    private readonly Lock _idleLock = new();
    private readonly Timer _idleTimer;
    private long _opened;
    private int _open;
    private bool _disposed;

    private sealed class Connection(SmtpClient client)
    {
        public SmtpClient Client { get; set; } = client;

        public long LastUsedMs { get; set; } = Environment.TickCount64;

        /// <summary>Counted in <see cref="OpenConnections"/> (it connected and has not been closed since).</summary>
        public bool Counted { get; set; }
    }

    /// <summary>Checks the settings, reads the CA file and the DKIM key.</summary>
    /// <exception cref="InvalidOperationException">No host, an unknown security mode, a pool size below 1, an unreadable CA or key file.</exception>
    public SmtpMailTransport(SmtpOptions options, TimeProvider? clock = null, ILogger<SmtpMailTransport>? logger = null)
    {
        if (string.IsNullOrWhiteSpace(options.Host)) throw new InvalidOperationException("Workflows:Distribution:Smtp:Host is not set.");
        _security = SmtpSecurity.Parse(options.Security)
            ?? throw new InvalidOperationException($"Workflows:Distribution:Smtp:Security '{options.Security}' is not one of {string.Join(", ", SmtpSecurity.Names)}.");
        if (options.Connections < 1) throw new InvalidOperationException("Workflows:Distribution:Smtp:Connections must be at least 1.");
        _options = options;
        _certificates = new ServerCertificateCheck(options);
        _dkim = options.Dkim.Enabled ? new DkimMailSigner(options.Dkim) : null;
        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SmtpMailTransport>.Instance;
        _slots = new SemaphoreSlim(options.Connections, options.Connections);
        var period = TimeSpan.FromSeconds(Math.Max(1, options.IdleSeconds / 2.0));
        _idleTimer = new Timer(_ => CloseIdle(), null, period, period);
    }

    /// <summary>Connections opened since the start (a reused connection counts once).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _opened);

    /// <summary>Connections open now, in use or idle in the pool.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>True when messages are DKIM-signed.</summary>
    public bool Signs => _dkim is not null;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = MailMessageBuilder.Build(mail, _options.From, _clock.GetUtcNow());
        _dkim?.Sign(message);
        // The time limit covers the wait for a free connection too: every send ends within it, which the outbox's lease rule needs.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            await _slots.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailTransportException(MailFailure.Temporary,
                $"No SMTP connection to {_options.Host}:{_options.Port} came free within {_options.TimeoutSeconds} s (timed out).", e);
        }
        Connection? connection = null;
        var keep = false;
        try
        {
            connection = TakeIdle() ?? new Connection(NewClient());
            try
            {
                await ReadyAsync(connection, limit.Token);
                await connection.Client.SendAsync(MailMessageBuilder.Format, message, limit.Token);
                keep = true;
            }
            catch (SmtpCommandException e)
            {
                keep = connection.Client.IsConnected;
                var code = (int)e.StatusCode;
                throw new MailTransportException(code is >= 500 and < 600 ? MailFailure.Permanent : MailFailure.Temporary,
                    $"{code} {e.Message.Trim()}{(e.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? $" (recipient {e.Mailbox?.Address})" : "")}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MailTransportException(MailFailure.Temporary,
                    $"The SMTP server {_options.Host}:{_options.Port} did not finish within {_options.TimeoutSeconds} s (timed out).", e);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SslHandshakeException or ServiceNotConnectedException
                                          or AuthenticationException or NotSupportedException or TimeoutException)
            {
                throw new MailTransportException(MailFailure.Temporary, Describe(e), e);
            }
        }
        finally
        {
            if (connection is not null)
            {
                if (keep) Return(connection);
                else Drop(connection);
            }
            _slots.Release();
        }
    }

    private SmtpClient NewClient() => new()
    {
        Timeout = _options.TimeoutSeconds * 1000,
        ServerCertificateValidationCallback = _certificates.Validate,
        CheckCertificateRevocation = !_certificates.UsesPrivateCa,
    };

    /// <summary>Connects a new connection, or checks with NOOP one idle for a while and reconnects it when the server dropped it.</summary>
    private async Task ReadyAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.Client.IsConnected && Environment.TickCount64 - connection.LastUsedMs >= _options.NoopAfterSeconds * 1000L)
        {
            try
            {
                await connection.Client.NoOpAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
            {
                _logger.LogInformation("SMTP connection to {Host}:{Port} dropped while idle ({Error}); reconnecting", _options.Host, _options.Port, e.Message);
                Forget(connection);
                connection.Client = NewClient();
            }
        }
        if (connection.Client.IsConnected) return;
        // A socket of our own with TCP_NODELAY: with pipelined commands and small writes, Nagle's algorithm against the
        // server's delayed ACK costs about 40 ms a message on loopback.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host!, _options.Port, cancellationToken);
            await connection.Client.ConnectAsync(socket, _options.Host!, _options.Port, _security, cancellationToken);
        }
        catch
        {
            if (!connection.Client.IsConnected) socket.Dispose();
            throw;
        }
        Interlocked.Increment(ref _opened);
        Interlocked.Increment(ref _open);
        connection.Counted = true;
        if (!string.IsNullOrEmpty(_options.UserName)) await connection.Client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken);
    }

    private Connection? TakeIdle()
    {
        lock (_idleLock) return _idle.TryPop(out var connection) ? connection : null;
    }

    private void Return(Connection connection)
    {
        connection.LastUsedMs = Environment.TickCount64;
        lock (_idleLock)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }
        _ = CloseAsync(connection);
    }

    private void Drop(Connection connection) => Forget(connection);

    /// <summary>Closes a broken connection without QUIT.</summary>
    private void Forget(Connection connection)
    {
        if (connection.Counted) Interlocked.Decrement(ref _open);
        connection.Counted = false;
        connection.Client.Dispose();
    }

    private void CloseIdle()
    {
        var cutoff = Environment.TickCount64 - _options.IdleSeconds * 1000L;
        List<Connection> expired;
        lock (_idleLock)
        {
            if (_idle.Count == 0) return;
            var all = _idle.Reverse().ToList();
            expired = all.Where(c => c.LastUsedMs <= cutoff).ToList();
            if (expired.Count == 0) return;
            _idle.Clear();
            foreach (var c in all.Where(c => c.LastUsedMs > cutoff)) _idle.Push(c);
        }
        foreach (var connection in expired) _ = CloseAsync(connection);
    }

    /// <summary>Says QUIT and closes; a server that does not answer within five seconds is simply left.</summary>
    private async Task CloseAsync(Connection connection)
    {
        var client = connection.Client;
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (client.IsConnected) await client.DisconnectAsync(quit: true, limit.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            _logger.LogDebug("QUIT to {Host}:{Port} failed: {Error}", _options.Host, _options.Port, e.Message);
        }
        finally
        {
            Forget(connection);
        }
    }

    private string Describe(Exception e)
    {
        var text = e.Message.Trim();
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (!text.Contains(inner.Message, StringComparison.Ordinal)) text += " — " + inner.Message.Trim();
        return $"{_options.Host}:{_options.Port} ({_options.Security}): {text}";
    }

    /// <summary>Closes every idle connection with QUIT.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Connection> idle;
        lock (_idleLock)
        {
            if (_disposed) return;
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        await _idleTimer.DisposeAsync();
        await Task.WhenAll(idle.Select(CloseAsync));
    }

    /// <summary>Closes every idle connection with QUIT (blocking).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
