using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Workflows.Testing;

/// <summary>
/// The real Host as a separate operating-system process (<c>dotnet exec Host.dll</c> from the test output), on a
/// database of its own or a shared one, listening on a free loopback port. <see cref="KillAsync"/> is SIGKILL;
/// <see cref="StartAsync"/> starts it again on the same database and port. Its stdout and stderr are kept for failure
/// messages. Disposing kills it.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <param name="connectionString">The database; a fresh one of the test cluster when null; empty for the Host's embedded default.</param>
    /// <param name="settings">Configuration keys (<c>Workflows:Distribution:Workers</c>…) or raw environment variables.</param>
    /// <param name="name">Shown in failure messages (node A, node B…).</param>
    public HostProcess(string? connectionString = null, IDictionary<string, string?>? settings = null, string name = "host")
    {
        Name = name;
        ConnectionString = connectionString ?? TestPostgres.CreateDatabase();
        Port = TestSmtpServer.FreePort();
        Home = Path.Combine(Path.GetTempPath(), $"host-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Home);
        _environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflows"] = ConnectionString,
            ["Urls"] = $"http://127.0.0.1:{Port}",
            ["Workflows:SeedDemo"] = "true",
            ["Workflows:DefinitionsDirectory"] = RepositoryPaths.Definitions,
            ["Workflows:Distribution:PickupDirectory"] = Path.Combine(Home, "mail"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // A home of its own: without the keys in PostgreSQL, two nodes would not share ~/.aspnet/DataProtection-Keys.
            ["HOME"] = Home,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _environment[key] = value;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>The process's HOME and pickup folder.</summary>
    public string Home { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The process id of the running Host, or null.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Everything the Host wrote on stdout and stderr so far (all starts), in order.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The built Host beside the tests (the test project references it).</summary>
    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "Host.dll");

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200.</summary>
    /// <exception cref="InvalidOperationException">It exited or was not ready within <paramref name="timeout"/>; the message holds its output.</exception>
    public async Task<HostProcess> StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException($"{Name} already runs.");
        _process = Launch();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return this;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"{Name} was not ready within {timeout ?? TimeSpan.FromSeconds(90)}:\n{Output}");
    }

    /// <summary>Runs the Host until it exits by itself (a start refused by bad settings); returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(TimeSpan? timeout = null)
    {
        var process = Launch(capture: false);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Name} did not exit:\n{await stdout}\n{await stderr}");
        }
        finally
        {
            _process = process;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private Process Launch(bool capture = true)
    {
        if (!File.Exists(HostDll)) throw new InvalidOperationException($"{HostDll} is missing: build the tests first.");
        // The dotnet host running the tests (testhost is started by it), else the one on PATH.
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory, // the content root: appsettings.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(HostDll);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT"
                     || k.StartsWith("Workflows__", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in _environment) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        if (capture)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("stderr: " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown of any kind.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// SIGTERM, as systemd and <c>docker stop</c> send: the Host shuts down gracefully. Waits until the process has
    /// exited and returns its exit code.
    /// </summary>
    /// <exception cref="InvalidOperationException">It does not run, or did not exit within <paramref name="timeout"/>; the message holds its output.</exception>
    public async Task<int> TerminateAsync(TimeSpan? timeout = null)
    {
        if (_process is not { HasExited: false } process) throw new InvalidOperationException($"{Name} does not run.");
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString()]) { UseShellExecute = false })!)
            await kill.WaitForExitAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{Name} did not exit after SIGTERM:\n{Output}");
        }
        return process.ExitCode;
    }

    /// <summary>A client with a cookie jar of its own, talking to this node.</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };

    /// <summary>Signs <paramref name="userName"/> in (demo password) and returns the client holding the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string userName, CookieContainer? cookies = null)
    {
        var client = Client(cookies);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "demo" });
        Assert.True(response.IsSuccessStatusCode, $"{Name}: sign-in of {userName}: {(int)response.StatusCode}\n{Output}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(Home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
