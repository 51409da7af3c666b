namespace Workflows.Host.Storage;

/// <summary>Configuration section <c>Workflows:Storage</c>.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Workflows:Storage";

    /// <summary>Folder of the embedded PostgreSQL cluster; default <c>data/postgres</c> under the repository root.</summary>
    public string? EmbeddedDataDirectory { get; set; }

    /// <summary>TCP port of the embedded cluster on 127.0.0.1; default 55432.</summary>
    public int EmbeddedPort { get; set; } = 55432;
}
