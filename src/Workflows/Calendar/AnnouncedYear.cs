using System.Globalization;
using System.Text.Json;

namespace Workflows.Calendar;

/// <summary>One announced day: a day off or a swapped working day.</summary>
/// <param name="Date">The civil date in Vietnam.</param>
/// <param name="Name">The name shown to users, in Vietnamese (e.g. "Tết Nguyên đán", "Làm bù cho thứ Sáu 02/5").</param>
/// <param name="Note">An optional remark, e.g. on how well the day is sourced.</param>
public sealed record AnnouncedDay(DateOnly Date, string Name, string? Note = null);

/// <summary>
/// The days off and swapped working days a government notice fixes for one year for civil servants
/// (cán bộ, công chức, viên chức): the exact Tết Nguyên đán and Quốc khánh days, and days bridged by
/// working a Saturday. JSON form (one file per year):
/// <code>
/// { "year": 2026, "source": "Thông báo …", "notes": ["…"],
///   "daysOff": [{ "date": "2026-02-16", "name": "Tết Nguyên đán" }],
///   "workingDays": [{ "date": "2026-08-22", "name": "Làm bù cho thứ Hai 31/8" }] }
/// </code>
/// </summary>
/// <remarks>
/// <c>daysOff</c> lists the weekdays off the notice gives (weekends need not be listed); <c>workingDays</c>
/// lists the Saturdays or Sundays worked in exchange. <c>notes</c> and each day's <c>note</c> are optional.
/// </remarks>
public sealed class AnnouncedYear
{
    /// <summary>Creates and validates an announced year.</summary>
    /// <exception cref="AnnouncedYearFormatException">A value is invalid; <see cref="AnnouncedYearFormatException.Field"/> names it.</exception>
    public AnnouncedYear(int year, string source, IEnumerable<AnnouncedDay> daysOff, IEnumerable<AnnouncedDay>? workingDays = null, IEnumerable<string>? notes = null)
    {
        Year = year;
        Source = source;
        DaysOff = daysOff.OrderBy(d => d.Date).ToArray();
        WorkingDays = (workingDays ?? []).OrderBy(d => d.Date).ToArray();
        Notes = (notes ?? []).ToArray();
        Validate(daysOff.ToArray(), (workingDays ?? []).ToArray());
    }

    /// <summary>The Gregorian year the notice covers.</summary>
    public int Year { get; }

    /// <summary>The notice(s) the data comes from (number, date, issuing body), as written in the file.</summary>
    public string Source { get; }

    /// <summary>Remarks on the data, e.g. facts that could not be confirmed.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The announced days off, in date order.</summary>
    public IReadOnlyList<AnnouncedDay> DaysOff { get; }

    /// <summary>The announced swapped working days (Saturdays or Sundays worked), in date order.</summary>
    public IReadOnlyList<AnnouncedDay> WorkingDays { get; }

    /// <summary>Parses and validates an announced year from JSON (see the class remarks for the format).</summary>
    /// <exception cref="AnnouncedYearFormatException">
    /// The text is not JSON, a required field is missing, a field has the wrong type or an invalid value,
    /// or an unknown field is present; <see cref="AnnouncedYearFormatException.Field"/> names the field
    /// (e.g. <c>daysOff[2].date</c>).
    /// </exception>
    public static AnnouncedYear Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new AnnouncedYearFormatException("$", $"Not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new AnnouncedYearFormatException("$", "Expected a JSON object.");
            RejectUnknown(root, "", "year", "source", "notes", "daysOff", "workingDays");

            var yearElement = Required(root, "year", "year");
            if (yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var year))
                throw new AnnouncedYearFormatException("year", "Expected a whole number such as 2026.");
            var source = RequiredString(root, "source", "source");

            var notes = new List<string>();
            if (root.TryGetProperty("notes", out var notesElement))
            {
                if (notesElement.ValueKind != JsonValueKind.Array) throw new AnnouncedYearFormatException("notes", "Expected an array of strings.");
                var i = 0;
                foreach (var note in notesElement.EnumerateArray())
                {
                    if (note.ValueKind != JsonValueKind.String) throw new AnnouncedYearFormatException($"notes[{i}]", "Expected a string.");
                    notes.Add(note.GetString()!);
                    i++;
                }
            }

            var daysOff = Days(Required(root, "daysOff", "daysOff"), "daysOff");
            var workingDays = root.TryGetProperty("workingDays", out var working) ? Days(working, "workingDays") : [];
            return new AnnouncedYear(year, source, daysOff, workingDays, notes);
        }
    }

    /// <summary>Loads the announced years shipped with the library (embedded <c>Calendar/Announced/vn-YYYY.json</c>).</summary>
    public static IReadOnlyList<AnnouncedYear> LoadShipped()
    {
        var assembly = typeof(AnnouncedYear).Assembly;
        var years = new List<AnnouncedYear>();
        foreach (var name in assembly.GetManifestResourceNames().Where(IsShippedResource).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} could not be opened.");
            using var reader = new StreamReader(stream);
            years.Add(Parse(reader.ReadToEnd()));
        }
        return years;

        static bool IsShippedResource(string name) =>
            name.Contains(".Calendar.Announced.vn-", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);
    }

    private void Validate(AnnouncedDay[] daysOff, AnnouncedDay[] workingDays)
    {
        if (Year is < VietnameseLunarCalendar.MinYear or > VietnameseLunarCalendar.MaxYear)
            throw new AnnouncedYearFormatException("year", $"Expected a year from {VietnameseLunarCalendar.MinYear} to {VietnameseLunarCalendar.MaxYear}, got {Year}.");
        if (string.IsNullOrWhiteSpace(Source))
            throw new AnnouncedYearFormatException("source", "Name the notice the days come from.");
        CheckDays(daysOff, "daysOff");
        CheckDays(workingDays, "workingDays");
        for (var i = 0; i < workingDays.Length; i++)
        {
            if (workingDays[i].Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new AnnouncedYearFormatException($"workingDays[{i}].date", $"{workingDays[i].Date:yyyy-MM-dd} is a {workingDays[i].Date.DayOfWeek}: a swapped working day must be a Saturday or Sunday.");
            if (daysOff.Any(d => d.Date == workingDays[i].Date))
                throw new AnnouncedYearFormatException($"workingDays[{i}].date", $"{workingDays[i].Date:yyyy-MM-dd} is also listed in daysOff.");
        }
    }

    private void CheckDays(AnnouncedDay[] days, string field)
    {
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < days.Length; i++)
        {
            if (days[i].Date.Year != Year)
                throw new AnnouncedYearFormatException($"{field}[{i}].date", $"{days[i].Date:yyyy-MM-dd} is not in {Year}.");
            if (!seen.Add(days[i].Date))
                throw new AnnouncedYearFormatException($"{field}[{i}].date", $"{days[i].Date:yyyy-MM-dd} is listed twice.");
            if (string.IsNullOrWhiteSpace(days[i].Name))
                throw new AnnouncedYearFormatException($"{field}[{i}].name", "Give the day a name.");
        }
    }

    private static List<AnnouncedDay> Days(JsonElement array, string field)
    {
        if (array.ValueKind != JsonValueKind.Array) throw new AnnouncedYearFormatException(field, "Expected an array of {\"date\", \"name\"} objects.");
        var days = new List<AnnouncedDay>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{field}[{i}]";
            if (item.ValueKind != JsonValueKind.Object) throw new AnnouncedYearFormatException(path, "Expected an object with \"date\" and \"name\".");
            RejectUnknown(item, path + ".", "date", "name", "note");
            var text = RequiredString(item, "date", path + ".date");
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new AnnouncedYearFormatException(path + ".date", $"Expected a date as yyyy-MM-dd, got \"{text}\".");
            var name = RequiredString(item, "name", path + ".name");
            string? note = null;
            if (item.TryGetProperty("note", out var noteElement))
            {
                if (noteElement.ValueKind != JsonValueKind.String) throw new AnnouncedYearFormatException(path + ".note", "Expected a string.");
                note = noteElement.GetString();
            }
            days.Add(new AnnouncedDay(date, name, note));
            i++;
        }
        return days;
    }

    private static JsonElement Required(JsonElement obj, string property, string path) =>
        obj.TryGetProperty(property, out var value) ? value : throw new AnnouncedYearFormatException(path, "This field is required.");

    private static string RequiredString(JsonElement obj, string property, string path)
    {
        var value = Required(obj, property, path);
        if (value.ValueKind != JsonValueKind.String) throw new AnnouncedYearFormatException(path, "Expected a string.");
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) throw new AnnouncedYearFormatException(path, "Must not be empty.");
        return text;
    }

    private static void RejectUnknown(JsonElement obj, string prefix, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                throw new AnnouncedYearFormatException(prefix + property.Name, $"Unknown field; expected one of: {string.Join(", ", known)}.");
    }
}

/// <summary>Thrown when announced-year data is malformed; <see cref="Field"/> names the offending field.</summary>
public sealed class AnnouncedYearFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public AnnouncedYearFormatException(string field, string message, Exception? inner = null)
        : base($"{field}: {message}", inner)
    {
        Field = field;
    }

    /// <summary>The JSON path of the offending field, e.g. <c>year</c> or <c>daysOff[2].date</c> (<c>$</c> for the whole document).</summary>
    public string Field { get; }
}
