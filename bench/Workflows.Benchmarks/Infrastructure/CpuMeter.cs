using System.Diagnostics;
using System.Globalization;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// CPU time used by this process and by the PostgreSQL cluster (the postmaster, its live children and the children it
/// has reaped), read from /proc, in milliseconds. CPU per operation does not depend on what else the machine runs,
/// unlike a rate; 2 cores divided by it is the rate this machine could reach if nothing else ran.
/// </summary>
internal sealed class CpuMeter(int postmasterPid)
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux

    public (double Host, double Postgres) Read()
    {
        var host = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        double postgres = 0;
        if (Stat(postmasterPid) is { } postmaster) postgres += (postmaster[13] + postmaster[14] + postmaster[15] + postmaster[16]) / TicksPerMs;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmasterPid) continue;
            if (Stat(pid) is { } child && child[3] == postmasterPid) postgres += (child[13] + child[14]) / TicksPerMs;
        }
        return (host, postgres);
    }

    /// <summary>CPU time of one process (e.g. the SMTP server), in milliseconds; NaN when it cannot be read.</summary>
    public static double ProcessMs(int pid) => Stat(pid) is { } stat ? (stat[13] + stat[14]) / TicksPerMs : double.NaN;

    /// <summary>The postmaster's pid from postmaster.pid in the cluster's data folder.</summary>
    public static CpuMeter ForCluster(string pgData) =>
        new(int.Parse(File.ReadLines(Path.Combine(pgData, "postmaster.pid")).First(), CultureInfo.InvariantCulture));

    // Fields of /proc/<pid>/stat (0-based after splitting behind the command name): 3 ppid, 13 utime, 14 stime, 15 cutime, 16 cstime.
    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var fields = new long[17];
            foreach (var n in new[] { 3, 13, 14, 15, 16 }) fields[n] = long.Parse(rest[n - 2], CultureInfo.InvariantCulture);
            return fields;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }
}
