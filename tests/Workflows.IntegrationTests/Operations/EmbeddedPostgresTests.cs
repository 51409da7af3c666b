using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Storage;

namespace Workflows.IntegrationTests.Operations;

/// <summary>The Host on its embedded default (no connection string): the PostgreSQL cluster it starts is its own to stop.</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("embedded-postgres-").FullName;

    [Fact]
    public async Task A_Host_that_started_its_own_PostgreSQL_stops_every_postgres_process_of_that_data_folder_when_it_receives_SIGTERM()
    {
        await using var host = new HostProcess(connectionString: "", name: "embedded", settings: new Dictionary<string, string?>
        {
            ["Workflows:Storage:EmbeddedDataDirectory"] = _folder,
            ["Workflows:Storage:EmbeddedPort"] = TestSmtpServer.FreePort().ToString(),
        });
        await host.StartAsync(TimeSpan.FromMinutes(3)); // initdb first
        var postmaster = PostmasterOf(_folder);
        Assert.Contains(_folder, CommandLine(postmaster));
        var processes = ChildrenOf(postmaster).Prepend(postmaster).ToList();
        Assert.True(processes.Count > 1, "the postmaster and its background processes run");

        var exitCode = await host.TerminateAsync();

        Assert.Equal(0, exitCode);
        Assert.All(processes, pid => Assert.False(IsAlive(pid), $"postgres process {pid} still runs:\n{host.Output}"));
        Assert.False(File.Exists(Path.Combine(_folder, "pg", "postmaster.pid")), "postmaster.pid is left behind");
        Assert.Contains("Stopping the embedded PostgreSQL", host.Output);
    }

    [Fact]
    public void A_cluster_whose_port_another_program_holds_does_not_start_and_says_which_port_and_which_setting()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        var cluster = new LocalPostgresCluster(_folder, port, NullLogger.Instance);

        var refused = Assert.Throws<InvalidOperationException>(() => cluster.Start(fastUnsafe: true));

        Assert.Contains($"127.0.0.1:{port} is already in use by another program", refused.Message);
        Assert.Contains("Workflows:Storage:EmbeddedPort", refused.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "pg", "postmaster.pid")), "no server was started");
    }

    public void Dispose()
    {
        new LocalPostgresCluster(_folder, 0, NullLogger.Instance).Stop(immediate: true); // when the test failed
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The postmaster's process id, first line of <c>postmaster.pid</c>.</summary>
    private static int PostmasterOf(string folder) =>
        int.Parse(File.ReadLines(Path.Combine(folder, "pg", "postmaster.pid")).First());

    private static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Status(pid, "PPid") == parent.ToString())
            .ToList();

    /// <summary>Running, sleeping… but not a zombie nor gone.</summary>
    private static bool IsAlive(int pid) => Status(pid, "State") is { } state && !state.StartsWith('Z') && !state.StartsWith('X');

    /// <summary>A field of <c>/proc/{pid}/status</c>; null when the process is gone.</summary>
    private static string? Status(int pid, string field)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))?[(field.Length + 1)..].Trim();
        }
        catch (IOException) // FileNotFound, DirectoryNotFound: the process is gone
        {
            return null;
        }
    }
}
