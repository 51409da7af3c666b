namespace Workflows;

/// <summary>Finds the source checkout (the folder holding <c>Workflows.sln</c>) for the defaults that live in it.</summary>
public static class RepositoryLayout
{
    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>Workflows.sln</c>, or null when there is none.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln"))) return dir.FullName;
        }
        return null;
    }
}
