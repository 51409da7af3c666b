using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>A real SMTP server (aiosmtpd, <c>bench_smtp_server.py</c>) on a free loopback port, counting accepted messages.</summary>
internal sealed class BenchSmtpServer : IDisposable
{
    private readonly Process _process;
    private int _accepted;

    public BenchSmtpServer()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "bench_smtp_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
            throw new InvalidOperationException("The SMTP server did not start (is python3-aiosmtpd installed? bash scripts/install-prerequisites.sh --tests).");
        _ = Task.Run(ReadAsync);
    }

    public int Port { get; }

    /// <summary>CPU time the server (one Python process) has used, in milliseconds.</summary>
    public double CpuMs() => CpuMeter.ProcessMs(_process.Id);

    /// <summary>Messages accepted since the server started.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Waits until <see cref="Accepted"/> reaches <paramref name="count"/>.</summary>
    /// <exception cref="TimeoutException">Not reached within <paramref name="timeout"/>.</exception>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Accepted < count)
        {
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException($"The SMTP server accepted {Accepted} of {count} messages.");
            await Task.Delay(5);
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ACCEPTED ", StringComparison.Ordinal)) Interlocked.Increment(ref _accepted);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        _process.Dispose();
    }
}
