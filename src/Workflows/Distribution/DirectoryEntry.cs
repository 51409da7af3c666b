namespace Workflows.Distribution;

/// <summary>One entry of the recipient directory: a body, school, person, internal unit or group.</summary>
public sealed record DirectoryEntry
{
    /// <summary>The kinds of entry.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["body", "school", "person", "unit", "group"];

    /// <summary>Entry id.</summary>
    public Guid Id { get; init; }

    /// <summary>Display name, e.g. "Sở GDĐT Quảng Ninh".</summary>
    public string Name { get; init; } = "";

    /// <summary>body, school, person, unit or group.</summary>
    public string Kind { get; init; } = "body";

    /// <summary>Email address; null for a group that only expands to its members.</summary>
    public string? Email { get; init; }

    /// <summary>Code of the issuing body the entry belongs under (e.g. the schools of <c>PGDĐT</c>), if any.</summary>
    public string? BodyCode { get; init; }

    /// <summary>Other ways Nơi nhận lines name the entry.</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>For a group: its members' ids.</summary>
    public Guid[] Members { get; init; } = [];
}

/// <summary>What a client sends to create or change an entry.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Kind">body, school, person, unit or group.</param>
/// <param name="Email">Email address.</param>
/// <param name="BodyCode">Parent issuing body code.</param>
/// <param name="Aliases">Other names.</param>
/// <param name="Members">For a group: member entry ids.</param>
/// <param name="Groups">Names of the groups the entry belongs to (created when missing).</param>
public sealed record DirectoryEntryInput(string? Name, string? Kind, string? Email, string? BodyCode,
    IReadOnlyList<string>? Aliases, IReadOnlyList<Guid>? Members, IReadOnlyList<string>? Groups);

/// <summary>The outcome of a CSV import.</summary>
/// <param name="Created">Entries created.</param>
/// <param name="Updated">Entries updated (same name).</param>
/// <param name="Errors">Rejected rows, by line number (1 = the header).</param>
public sealed record DirectoryImportResult(int Created, int Updated, IReadOnlyList<DirectoryImportError> Errors);

/// <summary>A rejected CSV row.</summary>
/// <param name="Line">Line number in the file (the header is line 1).</param>
/// <param name="Message">Why, in Vietnamese.</param>
public sealed record DirectoryImportError(int Line, string Message);
