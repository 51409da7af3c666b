namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// Peak resident memory (VmHWM) of this process — the benchmark program, which hosts the Host in-process. The peak is
/// reset before each scenario by writing "5" to /proc/self/clear_refs (Linux), after a full garbage collection.
/// </summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>VmHWM in MiB, or NaN where /proc is not available.</summary>
    public static double PeakMiB()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is null) return double.NaN;
            var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        catch (IOException) { return double.NaN; }
    }
}
