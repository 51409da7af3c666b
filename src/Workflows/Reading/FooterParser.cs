using Workflows.Kernel.Plans;

namespace Workflows.Reading;

/// <summary>A raw Nơi nhận entry: its text and whether it came from the "Lưu:" line.</summary>
internal sealed record RecipientEntry(string Text, bool IsArchive);

/// <summary>What follows the body: the Nơi nhận entries and the signature block.</summary>
internal sealed record PlanFooter(int BodyEnd, bool HasRecipientsHeading, IReadOnlyList<RecipientEntry> RecipientEntries, PlanSigner? Signer);

/// <summary>Finds the Nơi nhận list and the signature block at the end of the plan.</summary>
internal static class FooterParser
{
    public static PlanFooter Parse(IReadOnlyList<SourceLine> lines, int bodyStart)
    {
        var headingIndex = -1;
        for (var i = lines.Count - 1; i >= bodyStart; i--)
        {
            if (!lines[i].IsBlank && PlanPatterns.RecipientsHeading().IsMatch(PlanPatterns.ColumnGap().Split(lines[i].Text)[0]))
            {
                headingIndex = i;
                break;
            }
        }

        return headingIndex >= 0 ? WithRecipients(lines, headingIndex) : WithoutRecipients(lines, bodyStart);
    }

    private static PlanFooter WithRecipients(IReadOnlyList<SourceLine> lines, int headingIndex)
    {
        var entries = new List<RecipientEntry>();
        var titles = new List<string>();
        string? name = null;
        for (var i = headingIndex; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank || line.IsRule || line.IsPageNumber)
            {
                continue;
            }
            var text = line.Text;
            if (i == headingIndex)
            {
                text = PlanPatterns.RecipientsHeading().Match(text).Groups["rest"].Value;
            }
            foreach (var segment in PlanPatterns.ColumnGap().Split(text))
            {
                var s = segment.Trim();
                if (s.Length == 0)
                {
                    continue;
                }
                if (PlanPatterns.RecipientEntry().Match(s) is { Success: true } e)
                {
                    var entry = e.Groups["e"].Value.Trim();
                    if (PlanPatterns.ArchiveEntry().Match(entry) is { Success: true } a)
                    {
                        AddArchive(entries, a.Groups["e"].Value);
                    }
                    else if (entry.Length > 0)
                    {
                        entries.Add(new RecipientEntry(entry, false));
                    }
                }
                else if (PlanPatterns.ArchiveEntry().Match(s) is { Success: true } a)
                {
                    AddArchive(entries, a.Groups["e"].Value);
                }
                else if (PlanTextParser.IsUpper(s) && !s.Any(char.IsDigit))
                {
                    titles.Add(s);
                }
                else if (PlanPatterns.SignatureNote().IsMatch(s))
                {
                    continue;
                }
                else if (titles.Count > 0 && name is null && PlanPatterns.PersonName().IsMatch(s))
                {
                    name = s;
                }
                else if (titles.Count == 0 && entries.Count > 0 && !entries[^1].IsArchive)
                {
                    entries[^1] = entries[^1] with { Text = entries[^1].Text + " " + s };
                }
            }
        }
        return new PlanFooter(headingIndex, true, entries, SignerFrom(titles, name));
    }

    private static PlanFooter WithoutRecipients(IReadOnlyList<SourceLine> lines, int bodyStart)
    {
        var i = lines.Count - 1;
        string? name = null;
        var titles = new List<string>();
        var firstSignerLine = lines.Count;
        for (; i >= bodyStart; i--)
        {
            var line = lines[i];
            if (line.IsBlank || line.IsRule || line.IsPageNumber || PlanPatterns.SignatureNote().IsMatch(line.Text))
            {
                continue;
            }
            if (name is null && titles.Count == 0 && PlanPatterns.PersonName().IsMatch(line.Text))
            {
                name = line.Text;
                firstSignerLine = i;
                continue;
            }
            if (PlanTextParser.IsUpper(line.Text) && line.Text.Length <= 60 && !line.Text.Any(char.IsDigit)
                && !PlanPatterns.Heading().IsMatch(line.Text))
            {
                titles.Insert(0, line.Text);
                firstSignerLine = i;
                continue;
            }
            break;
        }
        if (titles.Count == 0)
        {
            return new PlanFooter(lines.Count, false, [], null);
        }
        return new PlanFooter(firstSignerLine, false, [], SignerFrom(titles, name));
    }

    private static void AddArchive(List<RecipientEntry> entries, string list)
    {
        foreach (var part in list.Split(','))
        {
            var p = part.Trim().TrimEnd('.', ';', ' ').Trim();
            if (p.Length > 0)
            {
                entries.Add(new RecipientEntry(p, true));
            }
        }
    }

    /// <summary>Maps title lines to a signer; see <see cref="PlanSigner"/> for the rules.</summary>
    private static PlanSigner? SignerFrom(List<string> titles, string? name)
    {
        if (titles.Count == 0)
        {
            return name is null ? null : new PlanSigner(null, null, null, null, name);
        }
        var first = PlanPatterns.SignerForm().Match(titles[0]);
        if (!first.Success)
        {
            return new PlanSigner(null, null, titles[0], titles.Count > 1 ? titles[^1] : null, name);
        }
        var form = first.Groups["f"].Value + ".";
        var rest = first.Groups["t"].Value.Trim();
        if (form == "TM.")
        {
            if (titles.Count == 1)
            {
                return new PlanSigner(form, rest, null, null, name);
            }
            var second = PlanPatterns.SignerForm().Match(titles[1]);
            if (second.Success)
            {
                return new PlanSigner(form, rest, second.Groups["t"].Value.Trim(), titles.Count > 2 ? titles[^1] : null, name);
            }
            return new PlanSigner(form, rest, titles[1], titles[1], name);
        }
        return new PlanSigner(form, null, rest, titles.Count > 1 ? titles[^1] : null, name);
    }
}
