using Workflows.Kernel.Plans;

namespace Workflows.Distribution;

/// <summary>One Nơi nhận line as written in the plan's fields.</summary>
/// <param name="Index">Position in <c>fields.recipients</c> (0-based).</param>
/// <param name="Text">The line as written.</param>
/// <param name="Purposes">Purpose codes ("b/c", "t/h"…).</param>
/// <param name="Kind">External, internal or archive, as the reader classified it or the drafter corrected it.</param>
public sealed record RecipientLine(int Index, string Text, IReadOnlyList<string> Purposes, RecipientKind Kind)
{
    /// <summary>The lines of <see cref="PlanFields.Recipients"/>, with the purposes written in brackets in a line's text added.</summary>
    public static IReadOnlyList<RecipientLine> FromFields(PlanFields fields) =>
        fields.Recipients.Select((recipient, index) => new RecipientLine(index, recipient.Name,
            recipient.Purpose.Concat(RecipientText.BracketPurposes(recipient.Name)).Where(p => p.Trim().Length > 0).Distinct().ToList(),
            recipient.Kind)).ToList();
}

/// <summary>How one Nơi nhận line resolves.</summary>
/// <param name="Index">Line index.</param>
/// <param name="Text">The line as written.</param>
/// <param name="State">resolved, unresolved, ambiguous, partial or archive.</param>
/// <param name="Purpose">The purpose phrase for the message ("để báo cáo"…, default "để biết").</param>
/// <param name="Entries">The matched entry (a group stays one entry).</param>
/// <param name="Recipients">Addressed entries after group expansion.</param>
/// <param name="Candidates">For an ambiguous line: the entries it could mean; for a partial one: the one entry it may mean.</param>
/// <param name="ChosenByClerk">True when the clerk picked the entry for this plan.</param>
public sealed record LineResolution(int Index, string Text, string State, string Purpose,
    IReadOnlyList<DirectoryEntry> Entries, IReadOnlyList<DirectoryEntry> Recipients, IReadOnlyList<DirectoryEntry> Candidates,
    bool ChosenByClerk)
{
    /// <summary>Resolved.</summary>
    public const string Resolved = "resolved";
    /// <summary>Matches nothing.</summary>
    public const string Unresolved = "unresolved";
    /// <summary>Matches more than one entry.</summary>
    public const string Ambiguous = "ambiguous";
    /// <summary>Filed, never emailed.</summary>
    public const string Archive = "archive";
    /// <summary>Equals no name or alias, but its words appear inside one entry's name: the clerk confirms that entry.</summary>
    public const string Partial = "partial";

    /// <summary>True when the line blocks release.</summary>
    public bool Blocks => State is Unresolved or Ambiguous or Partial;
}

/// <summary>
/// Matches Nơi nhận lines against the directory; groups expand to members. Only an exact match resolves by itself: the
/// line's normalised form (<see cref="RecipientText.Normalise"/>: case, diacritics, punctuation and the usual
/// abbreviations folded) equals the normalised name or an alias of exactly one entry. A line whose words only appear
/// inside entries' names is partial (one such entry) or ambiguous (several) and waits for the clerk's pick, which
/// becomes an alias, so the same line resolves exactly on the next plan.
/// </summary>
public sealed class RecipientResolver
{
    private readonly IReadOnlyList<DirectoryEntry> _entries;
    private readonly Dictionary<Guid, DirectoryEntry> _byId;
    private readonly List<(DirectoryEntry Entry, string Key)> _keys = [];

    /// <summary>Builds the index over <paramref name="entries"/> (with their members filled in).</summary>
    public RecipientResolver(IReadOnlyList<DirectoryEntry> entries)
    {
        _entries = entries;
        _byId = entries.ToDictionary(e => e.Id);
        foreach (var entry in entries)
            foreach (var key in entry.Aliases.Prepend(entry.Name).Select(RecipientText.Normalise).Where(k => k.Length > 0).Distinct())
                _keys.Add((entry, key));
    }

    /// <summary>Resolves every line; <paramref name="choices"/> maps line index to the clerk's pick.</summary>
    public IReadOnlyList<LineResolution> Resolve(IReadOnlyList<RecipientLine> lines, IReadOnlyDictionary<int, Guid>? choices = null) =>
        lines.Select(line => Resolve(line, choices is not null && choices.TryGetValue(line.Index, out var c) ? c : null)).ToList();

    /// <summary>Resolves one line.</summary>
    public LineResolution Resolve(RecipientLine line, Guid? choice = null)
    {
        var purpose = Purpose(line.Purposes);
        if (line.Kind == RecipientKind.Archive || RecipientText.IsArchive(line.Text))
            return new(line.Index, line.Text, LineResolution.Archive, purpose, [], [], [], false);
        if (choice is { } chosen && _byId.TryGetValue(chosen, out var picked))
            return new(line.Index, line.Text, LineResolution.Resolved, purpose, [picked], Expand(picked), [], true);
        var key = RecipientText.Normalise(line.Text);
        if (key.Length == 0) return new(line.Index, line.Text, LineResolution.Unresolved, purpose, [], [], [], false);
        var exact = _keys.Where(k => k.Key == key).Select(k => k.Entry).DistinctBy(e => e.Id).ToList();
        if (exact.Count == 1) return new(line.Index, line.Text, LineResolution.Resolved, purpose, exact, Expand(exact[0]), [], false);
        if (exact.Count > 1) return new(line.Index, line.Text, LineResolution.Ambiguous, purpose, [], [], exact, false);
        var partial = _keys.Where(k => ContainsWords(k.Key, key)).Select(k => k.Entry).DistinctBy(e => e.Id).ToList();
        return partial.Count switch
        {
            0 => new(line.Index, line.Text, LineResolution.Unresolved, purpose, [], [], [], false),
            1 => new(line.Index, line.Text, LineResolution.Partial, purpose, [], [], partial, false),
            _ => new(line.Index, line.Text, LineResolution.Ambiguous, purpose, [], [], partial, false),
        };
    }

    /// <summary>The purpose phrases joined ("để báo cáo, để theo dõi"), or "để biết" when none is given.</summary>
    public static string Purpose(IReadOnlyList<string> purposes)
    {
        var phrases = purposes.Select(p => RecipientText.PurposePhrase(p) ?? p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        return phrases.Count == 0 ? "để biết" : string.Join(", ", phrases);
    }

    /// <summary>The entries a group stands for (recursively), or the entry itself; only those with an address.</summary>
    public IReadOnlyList<DirectoryEntry> Expand(DirectoryEntry entry)
    {
        var result = new List<DirectoryEntry>();
        var seen = new HashSet<Guid>();
        void Walk(DirectoryEntry e)
        {
            if (!seen.Add(e.Id)) return;
            if (!string.IsNullOrWhiteSpace(e.Email)) result.Add(e);
            foreach (var member in e.Members)
                if (_byId.TryGetValue(member, out var m)) Walk(m);
        }
        Walk(entry);
        return result;
    }

    /// <summary>All entries.</summary>
    public IReadOnlyList<DirectoryEntry> Entries => _entries;

    // The line's words appear as a contiguous run inside the name (a shortened way of writing it).
    private static bool ContainsWords(string name, string line) =>
        line.Length >= 3 && $" {name} ".Contains($" {line} ", StringComparison.Ordinal);
}
