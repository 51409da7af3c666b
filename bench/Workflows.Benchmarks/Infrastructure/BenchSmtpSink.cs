using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// Postfix's <c>smtp-sink</c> (Debian's postfix; <c>scripts/bench.sh</c> installs it, no Postfix daemon runs) on a free
/// loopback port: accepts and discards every message, with PIPELINING, and counts the messages it received (its
/// <c>-c</c> counters, <c>mesg=N</c> on each "." received). <see cref="SourceAsync"/> runs Postfix's <c>smtp-source</c>
/// into it: the ceiling a client on this machine reaches with as many connections and messages of the same size.
/// </summary>
internal sealed class BenchSmtpSink : IDisposable
{
    private const string Sink = "/usr/sbin/smtp-sink";
    private const string Source = "/usr/sbin/smtp-source";
    private readonly Process _process;
    private long _accepted;

    public BenchSmtpSink()
    {
        if (!File.Exists(Sink) || !File.Exists(Source))
            throw new InvalidOperationException("smtp-sink and smtp-source are missing: run the benchmark with bash scripts/bench.sh (it installs postfix).");
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(Sink) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -c: counters on stdout; -u nobody: required when run as root (the sink drops to that user after binding); backlog 1024
        foreach (var a in new[] { "-c", "-u", "nobody", $"127.0.0.1:{Port}", "1024" }) info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException("smtp-sink did not start.");
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) BenchContext.Log("smtp-sink: " + e.Data); };
        _process.BeginErrorReadLine();
        _ = Task.Run(ReadCountersAsync);
        WaitListening();
    }

    public int Port { get; }

    /// <summary>Messages the sink received since it started.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>CPU time the sink has used, in milliseconds.</summary>
    public double CpuMs() => CpuMeter.ProcessMs(_process.Id);

    /// <summary>Waits until <see cref="Accepted"/> reaches <paramref name="count"/>.</summary>
    /// <exception cref="TimeoutException">Not reached within <paramref name="timeout"/>.</exception>
    public async Task WaitForAsync(long count, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Accepted < count)
        {
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException($"smtp-sink received {Accepted} of {count} messages.");
            await Task.Delay(2);
        }
    }

    /// <summary>
    /// Runs <c>smtp-source -d</c> (connections kept open, as the Host's pool keeps them) with <paramref name="connections"/>
    /// sessions sending <paramref name="messages"/> messages of <paramref name="bytes"/> bytes into the sink; returns its
    /// rate in messages per second, timed until the sink counted the last one.
    /// </summary>
    public async Task<double> SourceAsync(int connections, int messages, int bytes, CancellationToken cancellationToken)
    {
        var target = Accepted + messages;
        var info = new ProcessStartInfo(Source) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     "-d", "-s", connections.ToString(CultureInfo.InvariantCulture), "-m", messages.ToString(CultureInfo.InvariantCulture),
                     "-l", bytes.ToString(CultureInfo.InvariantCulture), "-f", "vanthu@pgddt.uongbi.example.org", "-t", "truong@uongbi.example.org",
                     "-M", "bench.example.org", $"127.0.0.1:{Port}",
                 })
            info.ArgumentList.Add(a);
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("smtp-source did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"smtp-source failed ({process.ExitCode}): {await error}");
        await WaitForAsync(target, TimeSpan.FromMinutes(2));
        return messages / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private void WaitListening()
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) throw new InvalidOperationException("smtp-sink exited at start.");
                Thread.Sleep(20);
            }
        }
        throw new InvalidOperationException("smtp-sink did not listen within 10 s.");
    }

    /// <summary>Reads the <c>sess=… quit=… mesg=N</c> counters, each ended by a carriage return.</summary>
    private async Task ReadCountersAsync()
    {
        var reader = _process.StandardOutput;
        var buffer = new char[4096];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] is '\r' or '\n')
                {
                    Parse(line.ToString());
                    line.Clear();
                }
                else line.Append(buffer[i]);
            }
        }
    }

    private void Parse(string counters)
    {
        var at = counters.LastIndexOf("mesg=", StringComparison.Ordinal);
        if (at >= 0 && long.TryParse(counters[(at + 5)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            Interlocked.Exchange(ref _accepted, Math.Max(count, Interlocked.Read(ref _accepted)));
    }

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        _process.Dispose();
    }
}
