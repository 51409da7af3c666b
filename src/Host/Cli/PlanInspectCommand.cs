using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Reading;

namespace Workflows.Host.Cli;

/// <summary><c>plan inspect FILE</c>: reads a plan and prints its structured JSON.</summary>
internal static class PlanInspectCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The whole command line: <c>plan inspect FILE</c>.</param>
    /// <param name="stdout">Receives the JSON.</param>
    /// <param name="stderr">Receives usage and error messages.</param>
    /// <returns>0 on success, 1 when the file cannot be read as a plan, 2 on wrong usage or a missing file.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["plan", "inspect", var path])
        {
            stderr.WriteLine("Usage: plan inspect FILE (.txt UTF-8 or .docx)");
            return 2;
        }
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            stderr.WriteLine($"File not found: {path} / Không tìm thấy tệp: {path}");
            return 2;
        }
        try
        {
            PlanFields result;
            if (file.Length > PlanReader.MaxBytes)
            {
                throw new PlanReadException(PlanReadErrorCodes.TooLarge,
                    $"'{file.Name}' is larger than 20 MB. / Tệp '{file.Name}' lớn hơn 20 MB.");
            }
            var bytes = File.ReadAllBytes(file.FullName);
            result = new PlanReader().Read(bytes, file.Name);
            stdout.WriteLine(PlanFieldsJson.SerializeIndented(result));
            return 0;
        }
        catch (PlanReadException ex)
        {
            stderr.WriteLine($"{ex.Code}: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"Cannot read {path}: {ex.Message} / Không đọc được tệp.");
            return 2;
        }
        catch (UnauthorizedAccessException ex)
        {
            stderr.WriteLine($"Cannot read {path}: {ex.Message} / Không có quyền đọc tệp.");
            return 2;
        }
    }
}
