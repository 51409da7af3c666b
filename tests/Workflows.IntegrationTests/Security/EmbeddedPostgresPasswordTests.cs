using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Workflows.Storage;

namespace Workflows.IntegrationTests.Security;

/// <summary>
/// The Host's embedded PostgreSQL (the same <see cref="LocalPostgresCluster"/> with a password) takes only
/// scram-sha-256 logins with a generated password kept in a file its owner alone can read. The Host's own start on it is
/// <c>Operations/EmbeddedPostgresTests</c>.
/// </summary>
public sealed class EmbeddedPostgresPasswordTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("embedded-scram-").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_embedded_PostgreSQL_takes_only_scram_sha_256_logins_with_a_generated_password_in_a_file_only_its_owner_reads()
    {
        var cluster = new LocalPostgresCluster(_folder, 0, NullLogger.Instance, withPassword: true);
        cluster.Start(fastUnsafe: true);

        var file = cluster.PasswordFile!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.True(File.ReadAllText(file).Trim().Length >= 40);
        AssertRefusesWithout(cluster);

        using var connection = new NpgsqlConnection(cluster.ConnectionString());
        connection.Open();
        using var stored = new NpgsqlCommand("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'", connection);
        Assert.Equal(true, stored.ExecuteScalar());
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(_folder, "pg", "pg_hba.conf")), l => !l.TrimStart().StartsWith('#') && l.TrimEnd().EndsWith("trust", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cluster_made_earlier_with_trust_is_given_a_password_on_its_next_start()
    {
        var trusting = new LocalPostgresCluster(_folder, 0, NullLogger.Instance);
        trusting.Start(fastUnsafe: true);
        using (var open = new NpgsqlConnection(trusting.ConnectionString())) open.Open();
        trusting.Stop();

        var cluster = new LocalPostgresCluster(_folder, 0, NullLogger.Instance, withPassword: true);
        cluster.Start(fastUnsafe: true);
        Assert.True(File.Exists(cluster.PasswordFile));
        AssertRefusesWithout(cluster);
        using var connection = new NpgsqlConnection(cluster.ConnectionString());
        connection.Open();
    }

    /// <summary>No password, or a wrong one, is refused.</summary>
    private static void AssertRefusesWithout(LocalPostgresCluster cluster)
    {
        var builder = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Password = null, Pooling = false };
        using (var none = new NpgsqlConnection(builder.ConnectionString))
            Assert.ThrowsAny<NpgsqlException>(() => none.Open());
        builder.Password = "doan-bua";
        using var wrong = new NpgsqlConnection(builder.ConnectionString);
        Assert.Equal("28P01", Assert.Throws<PostgresException>(() => wrong.Open()).SqlState); // invalid_password
    }

    public void Dispose()
    {
        new LocalPostgresCluster(_folder, 0, NullLogger.Instance).Stop(immediate: true);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
