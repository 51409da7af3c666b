using System.Text;
using Dapper;
using Npgsql;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Distribution;

/// <summary>The recipient directory in PostgreSQL: entries, aliases and group membership.</summary>
public sealed class DirectoryStore(NpgsqlDataSource dataSource)
{
    private const string Select = "SELECT e.id, e.name, e.kind, e.email, e.body_code, e.aliases, " +
        "coalesce((SELECT array_agg(m.member_id) FROM directory_members m WHERE m.group_id = e.id), '{}') AS members FROM directory_entries e";

    /// <summary>Every entry, with members, ordered by name, read inside <paramref name="work"/>.</summary>
    public static Task<IReadOnlyList<DirectoryEntry>> AllAsync(UnitOfWork work, CancellationToken ct) =>
        work.QueryAsync<DirectoryEntry>(Select + " ORDER BY e.name", null, ct);

    private static async Task<IReadOnlyList<DirectoryEntry>> AllAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<DirectoryEntry>(new CommandDefinition(Select + " ORDER BY e.name", cancellationToken: ct))).AsList();

    /// <summary>Entries whose name or alias contains <paramref name="query"/> (normalised), optionally of one kind.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> ListAsync(string? query, string? kind, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var all = await AllAsync(connection, ct);
        var key = string.IsNullOrWhiteSpace(query) ? null : RecipientText.Normalise(query);
        return all.Where(e => kind is null || e.Kind == kind)
            .Where(e => key is null || e.Aliases.Prepend(e.Name).Any(n => RecipientText.Normalise(n).Contains(key, StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>
    /// One page of the directory: entries whose name or an alias contains <paramref name="search"/>'s words (compared as
    /// <see cref="RecipientText.Normalise"/> does, by PostgreSQL over the stored key <c>search_key</c>), optionally of one
    /// kind, in the order asked, with the total and the count per kind (the words applied, not the kind).
    /// </summary>
    /// <remarks>
    /// The order <see cref="DirectorySearch.BestMatch"/> puts first the entries whose name or an alias is the words
    /// themselves, then those whose name or an alias starts with them, then those where they start a word, then the
    /// rest; shorter names first within each, then by name. Without words it is the name order.
    /// </remarks>
    /// <exception cref="WorkflowException">An unknown order (422, field <c>sort</c>).</exception>
    public async Task<DirectoryPage> SearchAsync(DirectorySearch search, CancellationToken ct = default)
    {
        var order = (search.Sort ?? "ten") switch
        {
            "ten" or "" => "lower(e.name), e.id",
            DirectorySearch.BestMatch => """
                CASE WHEN @key::text IS NULL THEN 0
                     WHEN ' | ' || e.search_key || ' | ' LIKE '% | ' || @key || ' | %' THEN 0
                     WHEN ' | ' || e.search_key LIKE '% | ' || @key || '%' THEN 1
                     WHEN ' ' || e.search_key LIKE '% ' || @key || '%' THEN 2
                     ELSE 3 END, length(e.name), lower(e.name), e.id
                """,
            "loai" => "e.kind, lower(e.name), e.id",
            "moi-sua" => "e.updated_at DESC, e.id",
            _ => throw WorkflowException.Invalid("sort", "Chọn cách sắp xếp trong danh sách."),
        };
        var size = Math.Clamp(search.PageSize, 1, 200);
        var key = string.IsNullOrWhiteSpace(search.Text) ? null : RecipientText.Normalise(search.Text);
        var text = string.IsNullOrEmpty(key) ? null : "%" + key + "%";
        var kind = string.IsNullOrWhiteSpace(search.Kind) ? null : search.Kind;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var counts = (await connection.QueryAsync<(string Kind, int Count)>(new CommandDefinition(
            "SELECT e.kind, count(*)::int FROM directory_entries e WHERE (@text::text IS NULL OR e.search_key LIKE @text) GROUP BY e.kind",
            new { text }, cancellationToken: ct))).ToDictionary(r => r.Kind, r => r.Count);
        var total = kind is null ? counts.Values.Sum() : counts.GetValueOrDefault(kind);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(search.Page, 1, pages);
        var rows = await connection.QueryAsync<DirectoryEntry>(new CommandDefinition(
            Select + $" WHERE (@text::text IS NULL OR e.search_key LIKE @text) AND (@kind::text IS NULL OR e.kind = @kind) ORDER BY {order} LIMIT @size OFFSET @offset",
            new { text, key = string.IsNullOrEmpty(key) ? null : key, kind, size, offset = (page - 1) * size }, cancellationToken: ct));
        return new DirectoryPage(rows.AsList(), total, page, size, counts);
    }

    /// <summary>One entry.</summary>
    public async Task<DirectoryEntry> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await GetAsync(connection, null, id, ct);
    }

    private static async Task<DirectoryEntry> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<DirectoryEntry>(new CommandDefinition(Select + " WHERE e.id = @id", new { id }, transaction, cancellationToken: ct))
        ?? throw WorkflowException.NotFound("Mục danh bạ");

    /// <summary>Creates an entry (Admin).</summary>
    public async Task<DirectoryEntry> CreateAsync(DirectoryEntryInput input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await UpsertAsync(connection, transaction, input, null, ct);
        await transaction.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Changes an entry (Admin); omitted fields keep their values.</summary>
    public async Task<DirectoryEntry> UpdateAsync(Guid id, DirectoryEntryInput input, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var current = await GetAsync(connection, transaction, id, ct);
        var merged = new DirectoryEntryInput(input.Name ?? current.Name, input.Kind ?? current.Kind, input.Email ?? current.Email,
            input.BodyCode ?? current.BodyCode, input.Aliases ?? current.Aliases, input.Members ?? current.Members, input.Groups);
        await UpsertAsync(connection, transaction, merged, id, ct);
        await transaction.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Deletes an entry (Admin).</summary>
    public async Task DeleteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition("DELETE FROM directory_entries WHERE id = @id", new { id }, cancellationToken: ct)) == 0)
            throw WorkflowException.NotFound("Mục danh bạ");
    }

    /// <summary>
    /// Imports an uploaded CSV file (UTF-8, with or without BOM) of rows <c>name,kind,email,groups,aliases</c> (Admin):
    /// good rows kept, bad rows reported by line. The use case behind <c>POST /api/directory/import</c> and the page
    /// <c>/quan-tri/danh-ba</c>; the role is checked before the file is read.
    /// </summary>
    /// <exception cref="WorkflowException">Not an Admin (403); the file is not UTF-8 text (422, field <c>file</c>).</exception>
    public async Task<DirectoryImportResult> ImportCsvAsync(Stream file, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        string csv;
        try
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false, true));
            csv = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            throw WorkflowException.Invalid("file", "Tệp không phải văn bản UTF-8; hãy lưu lại CSV dạng UTF-8.");
        }
        return await ImportCsvAsync(csv, actor, ct);
    }

    /// <summary>Imports CSV rows <c>name,kind,email,groups,aliases</c> (Admin): good rows kept, bad rows reported by line.</summary>
    /// <exception cref="WorkflowException">Not an Admin (403).</exception>
    public async Task<DirectoryImportResult> ImportCsvAsync(string csv, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var rows = Csv.Parse(csv.TrimStart('\uFEFF'));
        var errors = new List<DirectoryImportError>();
        if (rows.Count == 0) return new(0, 0, [new(1, "Tệp rỗng.")]);
        var header = rows[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name);
        if (Column("name") < 0 || Column("kind") < 0)
            return new(0, 0, [new(1, "Dòng tiêu đề phải là: name,kind,email,groups,aliases.")]);
        int created = 0, updated = 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string name) => Column(name) is var i && i >= 0 && i < row.Fields.Count ? row.Fields[i].Trim() : "";
            static List<string> Split(string value) => value.Split(';').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            var input = new DirectoryEntryInput(Get("name"), Get("kind").ToLowerInvariant(), Get("email") is { Length: > 0 } email ? email : null,
                null, Split(Get("aliases")), null, Split(Get("groups")));
            await using var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                var existing = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                    "SELECT id FROM directory_entries WHERE lower(name) = lower(@name)", new { name = input.Name }, transaction, cancellationToken: ct));
                await UpsertAsync(connection, transaction, input, existing, ct);
                await transaction.CommitAsync(ct);
                if (existing is null) created++; else updated++;
            }
            catch (WorkflowException e)
            {
                await transaction.RollbackAsync(ct);
                errors.Add(new(row.Line, e.Message));
            }
        }
        return new(created, updated, errors);
    }

    /// <summary>Adds <paramref name="alias"/> to an entry's aliases (the clerk's pick, remembered for the next plan).</summary>
    public static void AddAlias(UnitOfWork work, Guid id, string alias) =>
        work.Queue(
            "UPDATE directory_entries SET aliases = array_append(aliases, $2), updated_at = now() WHERE id = $1 AND NOT ($2 = ANY(aliases)) AND lower(name) <> lower($2)",
            id, alias);

    /// <summary>Removes <paramref name="alias"/> from every entry but <paramref name="entryId"/>, so the alias names one entry only.</summary>
    public static void RemoveAliasElsewhere(UnitOfWork work, Guid entryId, string alias) =>
        work.Queue("UPDATE directory_entries SET aliases = array_remove(aliases, $1) WHERE id <> $2 AND $1 = ANY(aliases)", alias, entryId);

    /// <summary>Seeds the demo directory when the directory is empty.</summary>
    public async Task SeedDemoAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE directory_entries IN EXCLUSIVE MODE", transaction: transaction, cancellationToken: ct));
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM directory_entries", transaction: transaction, cancellationToken: ct)) > 0) return;
        foreach (var input in DemoDirectory.Entries) await UpsertAsync(connection, transaction, input, null, ct);
        foreach (var (group, aliases) in DemoDirectory.GroupAliases)
            await connection.ExecuteAsync(new CommandDefinition("UPDATE directory_entries SET aliases = @aliases WHERE name = @group",
                new { group, aliases }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    private static async Task<Guid> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DirectoryEntryInput input, Guid? id, CancellationToken ct)
    {
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) throw WorkflowException.Invalid("name", "Thiếu tên.");
        var kind = (input.Kind ?? "").Trim().ToLowerInvariant();
        if (!DirectoryEntry.Kinds.Contains(kind))
            throw WorkflowException.Invalid("kind", $"Loại '{input.Kind}' không hợp lệ; chọn một trong: {string.Join(", ", DirectoryEntry.Kinds)}.");
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && !IsAddress(email)) throw WorkflowException.Invalid("email", $"Địa chỉ email '{email}' không hợp lệ.");
        if (email is null && kind != "group") throw WorkflowException.Invalid("email", $"'{name}' cần địa chỉ email (chỉ nhóm mới được để trống).");
        var aliases = (input.Aliases ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct().ToArray();
        var clash = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM directory_entries WHERE lower(name) = lower(@name) AND id <> coalesce(@id, '00000000-0000-0000-0000-000000000000'::uuid)",
            new { name, id }, transaction, cancellationToken: ct));
        if (clash is not null) throw WorkflowException.Conflict($"Đã có mục danh bạ tên '{name}'.");
        var entryId = id ?? Guid.NewGuid();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO directory_entries (id, name, kind, email, body_code, aliases) VALUES (@entryId, @name, @kind, @email, @BodyCode, @aliases)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, email = excluded.email,
                body_code = excluded.body_code, aliases = excluded.aliases, updated_at = now()
            """, new { entryId, name, kind, email, input.BodyCode, aliases }, transaction, cancellationToken: ct));
        if (input.Members is { } members)
        {
            if (kind != "group" && members.Count > 0) throw WorkflowException.Invalid("members", "Chỉ nhóm mới có thành viên.");
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM directory_members WHERE group_id = @entryId", new { entryId }, transaction, cancellationToken: ct));
            foreach (var member in members.Distinct())
            {
                if (member == entryId) throw WorkflowException.Invalid("members", "Nhóm không thể là thành viên của chính nó.");
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO directory_members (group_id, member_id) SELECT @entryId, id FROM directory_entries WHERE id = @member",
                    new { entryId, member }, transaction, cancellationToken: ct));
            }
        }
        foreach (var group in input.Groups ?? [])
        {
            var groupId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                "SELECT id FROM directory_entries WHERE lower(name) = lower(@group)", new { group }, transaction, cancellationToken: ct));
            if (groupId is null)
            {
                groupId = Guid.NewGuid();
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO directory_entries (id, name, kind) VALUES (@groupId, @group, 'group')", new { groupId, group }, transaction, cancellationToken: ct));
            }
            else if (await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT kind FROM directory_entries WHERE id = @groupId", new { groupId }, transaction, cancellationToken: ct)) != "group")
                throw WorkflowException.Invalid("groups", $"'{group}' không phải là nhóm.");
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO directory_members (group_id, member_id) VALUES (@groupId, @entryId) ON CONFLICT DO NOTHING",
                new { groupId, entryId }, transaction, cancellationToken: ct));
        }
        return entryId;
    }

    private static bool IsAddress(string email) => Mail.MailAddresses.IsPlainAddress(email);

    private static void RequireAdmin(Actor actor)
    {
        if (!Organisation.Administration.MayAdminister(actor)) throw WorkflowException.Forbidden("Chỉ quản trị mới được sửa danh bạ.");
    }

    /// <summary>A minimal RFC 4180 reader (quotes, doubled quotes, newlines inside quotes) keeping line numbers.</summary>
    internal static class Csv
    {
        public static List<(int Line, List<string> Fields)> Parse(string text)
        {
            var rows = new List<(int, List<string>)>();
            var fields = new List<string>();
            var field = new StringBuilder();
            var inQuotes = false;
            var line = 1;
            var rowLine = 1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inQuotes)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') inQuotes = false;
                    else { if (c == '\n') line++; field.Append(c); }
                }
                else if (c == '"') inQuotes = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else if (c == '\r') { }
                else if (c == '\n')
                {
                    fields.Add(field.ToString()); field.Clear();
                    rows.Add((rowLine, fields)); fields = [];
                    rowLine = ++line;
                }
                else field.Append(c);
            }
            if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); rows.Add((rowLine, fields)); }
            return rows;
        }
    }
}
