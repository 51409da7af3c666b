using System.Diagnostics;

namespace Workflows.Plans.Documents;

/// <summary>Runs a command-line tool to its end and returns its exit code and output.</summary>
internal static class ToolProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> (no shell), at most <paramref name="timeout"/>.</summary>
    /// <exception cref="InvalidOperationException">The program cannot be started or ran out of time.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken, string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Không chạy được {program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Không chạy được {program} ({e.Message}); cài các gói của scripts/install-prerequisites.sh.", e);
        }
        using (process)
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
                process.StandardInput.Close();
            }
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{Path.GetFileName(program)} không xong trong {timeout.TotalSeconds:0} giây.");
            }
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
