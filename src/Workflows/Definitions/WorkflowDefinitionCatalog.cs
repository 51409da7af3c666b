using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.Definitions;

/// <summary>
/// The workflow definitions of this installation: the current version of each, loaded from the JSON files of the
/// definitions folder at start-up, and every earlier version stored in PostgreSQL, so that a running instance keeps
/// the version it started with after its file changes.
/// </summary>
public sealed class WorkflowDefinitionCatalog
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly WorkflowDefinitionParser _parser;
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> _versions = new();
    private Dictionary<string, WorkflowDefinition> _current = new(StringComparer.Ordinal);
    private IReadOnlyList<DefinitionRule>? _rules;

    /// <summary>Creates an empty catalog; call <see cref="LoadAsync"/> before use.</summary>
    public WorkflowDefinitionCatalog(NpgsqlDataSource dataSource, WorkflowDefinitionParser parser)
    {
        _dataSource = dataSource;
        _parser = parser;
    }

    /// <summary>The current definitions by id.</summary>
    public IReadOnlyCollection<WorkflowDefinition> Current => _current.Values;

    /// <summary>
    /// Reads, validates and stores every <c>*.json</c> file of <paramref name="folder"/> (schema files excepted).
    /// </summary>
    /// <exception cref="WorkflowDefinitionException">A file is invalid, two files share an id, or a file changed
    /// while keeping a version already stored with other content.</exception>
    public async Task LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
            throw new WorkflowDefinitionException(folder, "$", "the workflow definitions folder does not exist");
        var loaded = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(folder, "*.json")
                     .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal) && Path.GetFileName(f) != DefinitionRule.FileName).Order())
        {
            var file = Path.GetFileName(path);
            var definition = _parser.Parse(await File.ReadAllTextAsync(path, cancellationToken), file);
            if (!loaded.TryAdd(definition.Id, definition))
                throw new WorkflowDefinitionException(file, "$.id", $"the id '{definition.Id}' is already used by {files[definition.Id]}");
            files[definition.Id] = file;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var definition in loaded.Values)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(definition.Json)));
            var stored = await connection.QuerySingleOrDefaultAsync<string>(
                """
                INSERT INTO workflow_definitions (id, version, content, content_hash, source_file)
                VALUES (@Id, @Version, @Json::jsonb, @hash, @file)
                ON CONFLICT (id, version) DO UPDATE SET id = excluded.id
                RETURNING content_hash
                """,
                new { definition.Id, definition.Version, definition.Json, hash, file = files[definition.Id] });
            if (stored != hash)
                throw new WorkflowDefinitionException(files[definition.Id], "$.version",
                    $"version {definition.Version} of '{definition.Id}' is already stored with other content; raise the version when you change the file");
            _versions[(definition.Id, definition.Version)] = definition;
        }
        var rulesPath = Path.Combine(folder, DefinitionRule.FileName);
        _rules = File.Exists(rulesPath) ? ReadRules(await File.ReadAllTextAsync(rulesPath, cancellationToken), loaded) : null;
        _current = loaded;
    }

    /// <summary>
    /// The approval definitions a plan of <paramref name="bodyCode"/> and <paramref name="documentType"/> may use, by the first
    /// matching rule of <c>definition-rules.json</c>; null when the folder has no rules (any definition may be named).
    /// </summary>
    /// <exception cref="WorkflowException">No rule covers the plan (422, field <c>definitionId</c>).</exception>
    public IReadOnlyList<string>? AllowedFor(string bodyCode, string documentType) =>
        _rules is null ? null
        : _rules.FirstOrDefault(r => r.Matches(bodyCode, documentType))?.Definitions
          ?? throw WorkflowException.Invalid("definitionId", $"Không có quy trình nào dành cho văn bản loại {documentType} của {bodyCode}.");

    /// <summary>
    /// The definitions the drafter chooses among when first submitting a plan of <paramref name="bodyCode"/> and
    /// <paramref name="documentType"/>: the current version of each definition the first matching rule of
    /// <c>definition-rules.json</c> allows, in the rule's order, when it allows more than one. Empty when there are no
    /// rules, when no rule matches (the submission then says so) or when the rule allows one definition (it is used).
    /// </summary>
    public IReadOnlyList<WorkflowDefinition> ChoicesFor(string bodyCode, string documentType) =>
        _rules?.FirstOrDefault(r => r.Matches(bodyCode, documentType))?.Definitions is { Count: > 1 } ids ? [.. ids.Select(Latest)] : [];

    private static List<DefinitionRule> ReadRules(string json, Dictionary<string, WorkflowDefinition> definitions)
    {
        const string file = DefinitionRule.FileName;
        var rules = new List<DefinitionRule>();
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("rules", out var list) || list.ValueKind != System.Text.Json.JsonValueKind.Array)
                throw new WorkflowDefinitionException(file, "$.rules", "an array of rules is required");
            var i = 0;
            foreach (var rule in list.EnumerateArray())
            {
                var path = $"$.rules[{i++}]";
                string[] Strings(string name) => rule.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Array
                    ? [.. v.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
                var ids = Strings("definitions");
                if (ids.Length == 0) throw new WorkflowDefinitionException(file, path + ".definitions", "at least one definition id is required");
                for (var j = 0; j < ids.Length; j++)
                {
                    if (!definitions.TryGetValue(ids[j], out var definition) || definition.Kind != WorkflowDefinition.PlanApprovalKind)
                        throw new WorkflowDefinitionException(file, $"{path}.definitions[{j}]", $"no plan approval definition has the id '{ids[j]}'");
                }
                rules.Add(new DefinitionRule(Strings("bodies"), Strings("documentTypes"), ids));
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new WorkflowDefinitionException(file, e.Path ?? "$", $"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new WorkflowDefinitionException(file, "$.rules", $"bodies, documentTypes and definitions are arrays of strings ({e.Message})");
        }
        return rules;
    }

    /// <summary>The current version of the plan workflow <paramref name="id"/> (kind <c>planApproval</c>).</summary>
    /// <exception cref="WorkflowException">No such definition, or a report-submission definition (reported as
    /// invalid input, field <c>definitionId</c>).</exception>
    public WorkflowDefinition Latest(string id) =>
        LatestOfKind(id, WorkflowDefinition.PlanApprovalKind);

    /// <summary>The current version of definition <paramref name="id"/>, which must be of kind <paramref name="kind"/>.</summary>
    /// <exception cref="WorkflowException">No such definition of that kind (invalid input, field <c>definitionId</c>).</exception>
    public WorkflowDefinition LatestOfKind(string id, string kind) =>
        _current.TryGetValue(id, out var definition) && definition.Kind == kind
            ? definition
            : throw WorkflowException.Invalid("definitionId", definition is null
                ? $"Không có quy trình '{id}'."
                : $"Quy trình '{id}' thuộc loại {definition.Kind}, không dùng được ở đây.");

    /// <summary>Version <paramref name="version"/> of definition <paramref name="id"/>, from memory or the database.</summary>
    /// <exception cref="InvalidOperationException">That version was never stored.</exception>
    public async Task<WorkflowDefinition> GetAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        if (_versions.TryGetValue((id, version), out var cached)) return cached;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Content, string SourceFile)?>(
            "SELECT content::text, source_file FROM workflow_definitions WHERE id = @id AND version = @version", new { id, version })
            ?? throw new InvalidOperationException($"Workflow definition {id} version {version} is not stored.");
        var definition = _parser.Parse(row.Content, row.SourceFile) with { Json = row.Content };
        return _versions.GetOrAdd((id, version), definition);
    }
}
