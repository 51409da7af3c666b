namespace Workflows.Reading;

/// <summary>Edit distance between OCR text and known words, on NFC text: a letter read without its dot below ("TICH"
/// for "TỊCH") is one substitution.</summary>
internal static class Fuzzy
{
    /// <summary>A near match: the one candidate at the smallest distance (1 … a quarter of the value's length, at
    /// least 1); <c>Ambiguous</c> lists several at that distance; both empty when none is near or the value is exact.</summary>
    public readonly record struct Match(string? Value, IReadOnlyList<string> Ambiguous, bool Exact);

    public static Match Nearest(string value, IEnumerable<string> candidates, Func<string, string>? key = null)
    {
        key ??= s => s;
        var v = key(value);
        var limit = Math.Max(1, v.Length / 4);
        var best = int.MaxValue;
        var found = new List<string>();
        foreach (var c in candidates)
        {
            var d = Distance(v, key(c), limit);
            if (d == 0)
            {
                return new Match(c, [], true);
            }
            if (d > limit || d > best)
            {
                continue;
            }
            if (d < best)
            {
                best = d;
                found.Clear();
            }
            if (!found.Contains(c, StringComparer.Ordinal))
            {
                found.Add(c);
            }
        }
        return found.Count switch
        {
            0 => new Match(null, [], false),
            1 => new Match(found[0], [], false),
            _ => new Match(null, found, false),
        };
    }

    /// <summary>Levenshtein distance, or <paramref name="limit"/> + 1 once it is sure to exceed the limit.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit == int.MaxValue ? limit : limit + 1;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
