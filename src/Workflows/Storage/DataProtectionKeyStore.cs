using Npgsql;

namespace Workflows.Storage;

/// <summary>
/// The rows of table <c>data_protection_keys</c> (migration 0300): the ASP.NET Core Data Protection key ring as XML
/// text, shared by every Host process on the database. The Host's key repository adapts it; the key manager calls it
/// synchronously and rarely (start-up, key creation, key ring refresh about once a day).
/// </summary>
internal sealed class DataProtectionKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every stored key element as XML text, oldest first.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public IReadOnlyList<string> All()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read()) elements.Add(reader.GetString(0));
        return elements;
    }

    /// <summary>Stores one key element.</summary>
    /// <param name="friendlyName">The name the key manager gives it (e.g. <c>key-…</c>).</param>
    /// <param name="xml">The element as XML text.</param>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public void Add(string friendlyName, string xml)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", xml);
        command.ExecuteNonQuery();
    }
}
