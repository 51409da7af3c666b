using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Workflows.Testing;

/// <summary>A real SMTP server (aiosmtpd, <c>smtp_server.py</c>) on a loopback port, storing what it receives.</summary>
internal sealed class TestSmtpServer : IDisposable
{
    private Process? _process;

    public TestSmtpServer(int? port = null)
    {
        Port = port ?? FreePort();
        Directory = Path.Combine(Path.GetTempPath(), $"smtp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public int Port { get; }

    public string Directory { get; }

    /// <summary>PEM certificate and key files: when set (before <see cref="Start"/>), the server offers and requires STARTTLS.</summary>
    public (string Certificate, string Key)? Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: TLS from the first byte (implicit TLS, as on port 465) instead of STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts (or restarts) the server and waits until it listens.</summary>
    public TestSmtpServer Start()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "smtp_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--port", Port.ToString(), "--dir", Directory }) info.ArgumentList.Add(a);
        if (Tls is { } tls) foreach (var a in new[] { "--tls-cert", tls.Certificate, "--tls-key", tls.Key }) info.ArgumentList.Add(a);
        if (ImplicitTls) info.ArgumentList.Add("--implicit-tls");
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(20)) || ready.Result != "READY")
            throw new InvalidOperationException("The test SMTP server did not start (is python3-aiosmtpd installed?).");
        return this;
    }

    public void Stop()
    {
        if (_process is { HasExited: false }) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Answers 451 <paramref name="times"/> times for some addresses and 550 for others; with
    /// <paramref name="delayMilliseconds"/>, stores each message and then waits that long before answering 250 (a slow server).
    /// </summary>
    public void Control(IDictionary<string, int>? temporary = null, IEnumerable<string>? permanent = null, int delayMilliseconds = 0) =>
        File.WriteAllText(Path.Combine(Directory, "control.json"), JsonSerializer.Serialize(new
        {
            temporary = temporary ?? new Dictionary<string, int>(),
            permanent = permanent?.ToArray() ?? [],
            delayMs = delayMilliseconds,
        }));

    public sealed record Received(string[] To, string MessageId, string Subject, string[] Attachments, int[] AttachmentSizes, string Body);

    /// <summary>The raw messages received (the <c>.eml</c> files as the server got them).</summary>
    public IReadOnlyList<string> RawFiles() => System.IO.Directory.GetFiles(Directory, "*.eml");

    public IReadOnlyList<Received> Messages() =>
        new DirectoryInfo(Directory).GetFiles("*.json").Where(f => f.Name != "control.json")
            .Select(f => JsonSerializer.Deserialize<Received>(File.ReadAllText(f.FullName), JsonSerializerOptions.Web)!).ToList();

    public void Dispose()
    {
        Stop();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
