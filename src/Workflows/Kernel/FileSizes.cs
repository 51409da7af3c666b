using System.Globalization;

namespace Workflows.Kernel;

/// <summary>
/// File sizes written the same way on every page and in every message: "972 byte", "12,3 KB", "1,2 MB"
/// (Vietnamese decimal comma; 1 KB = 1,024 bytes).
/// </summary>
public static class FileSizes
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The size of <paramref name="bytes"/> bytes in words.</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.#", Vi) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", Vi) + " KB",
        _ => bytes.ToString("N0", Vi) + " byte",
    };
}
