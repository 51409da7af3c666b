using System.Text;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans.Documents;
using Workflows.Reading;

namespace Workflows.Plans;

/// <summary>
/// The one home of the rule that keeps footnote marks beside the body (<see cref="PlanFields.FootnoteMarks"/>): a mark
/// stands right after a word of the body (Nghị định 30/2020/NĐ-CP, Phụ lục I: the footnote's number raised after the
/// words it explains), one per footnote, and a footnote that had a mark keeps one through every edit — a mark whose
/// words were edited is put back after the same words when they still occur exactly once, and otherwise the edit is
/// refused with a Vietnamese 422 naming the field, never dropped or left at a wrong place. Offsets count UTF-16 code
/// units of the stored body (paragraphs joined by "\n").
/// </summary>
internal static class FootnoteMarks
{
    /// <summary>How many characters before a mark identify its place when the body around it was edited.</summary>
    private const int Context = 24;

    /// <summary>The body with each mark written in as superscript digits ("năm 2023¹."), for a person to read and edit.</summary>
    public static string Inline(string body, IReadOnlyList<PlanFootnoteMark> marks)
    {
        var text = new StringBuilder(body);
        foreach (var mark in marks.Where(m => m.Offset >= 0 && m.Offset <= body.Length).OrderByDescending(m => m.Offset))
            text.Insert(mark.Offset, PlanDocument.Superscript(mark.Marker));
        return text.ToString();
    }

    /// <summary>
    /// Reads the marks out of a text edited by a person (<see cref="Inline"/>'s form): a run of superscript digits right
    /// after a non-space character whose number is one of <paramref name="markers"/> is a mark and is taken out; other
    /// superscripts ("m²" where there is no footnote 2) stay text. Line breaks are normalised to "\n".
    /// </summary>
    /// <param name="text">The edited body with its marks.</param>
    /// <param name="markers">The numbers of the plan's footnotes after the edit.</param>
    /// <param name="formerMarkers">The numbers that had a mark before the edit (a leftover mark of a deleted footnote is refused).</param>
    /// <param name="field">The field named in errors (the form's body field).</param>
    /// <returns>The body without marks and the marks' places in it, in body order.</returns>
    /// <exception cref="WorkflowException">A footnote marked twice, or a mark left for a footnote deleted in the same edit (422 naming <paramref name="field"/>).</exception>
    public static (string Body, IReadOnlyList<PlanFootnoteMark> Marks) Extract(string text, IReadOnlyCollection<string> markers,
        IReadOnlyCollection<string> formerMarkers, string field)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var body = new StringBuilder(text.Length);
        var marks = new List<PlanFootnoteMark>();
        var from = 0;
        foreach (System.Text.RegularExpressions.Match m in PlanPatterns.SuperscriptMarker().Matches(text))
        {
            var marker = Digits(m.Value);
            if (!markers.Contains(marker))
            {
                if (formerMarkers.Contains(marker))
                    throw WorkflowException.Invalid(field, $"Dấu {m.Value} trong nội dung không còn chú thích {marker}: xóa dấu {m.Value} hoặc thêm lại chú thích {marker}.");
                continue;
            }
            if (marks.Any(x => x.Marker == marker))
                throw WorkflowException.Invalid(field, $"Dấu chú thích {m.Value} có hơn một lần trong nội dung: mỗi chú thích chỉ có một dấu.");
            body.Append(text, from, m.Index - from);
            marks.Add(new PlanFootnoteMark(marker, body.Length));
            from = m.Index + m.Length;
        }
        body.Append(text, from, text.Length - from);
        return (body.ToString(), marks);
    }

    /// <summary>Refuses an edit that leaves a footnote which had a mark (and still exists) without one.</summary>
    /// <param name="stored">The fields before the edit.</param>
    /// <param name="footnotes">The footnotes after the edit.</param>
    /// <param name="marks">The marks after the edit.</param>
    /// <param name="field">The field named in the error.</param>
    /// <exception cref="WorkflowException">A marked footnote lost its mark (422 naming <paramref name="field"/>).</exception>
    public static void CheckKept(PlanFields stored, IReadOnlyList<PlanFootnote> footnotes, IReadOnlyList<PlanFootnoteMark> marks, string field)
    {
        foreach (var lost in stored.FootnoteMarks.Where(s => footnotes.Any(f => f.Marker == s.Marker) && marks.All(m => m.Marker != s.Marker)))
        {
            var sup = PlanDocument.Superscript(lost.Marker);
            throw WorkflowException.Invalid(field,
                $"Chú thích {lost.Marker} không còn dấu {sup} trong nội dung: đặt lại dấu {sup} ngay sau chữ được chú thích, hoặc xóa chú thích {lost.Marker}.");
        }
    }

    /// <summary>
    /// The fields of an edit with their marks made consistent with the edited body, as <see cref="PlanStore.UpdateAsync"/>
    /// stores them: when the edit carries no marks (a client that does not know them), the stored marks of the footnotes
    /// still there are carried over to the edited body (<see cref="Rebase"/>); marks it does carry are checked as given
    /// (<see cref="Validate"/>), and must keep every marked footnote marked (<see cref="CheckKept"/>).
    /// </summary>
    /// <exception cref="WorkflowException">A mark that cannot be carried over or is not valid (422 naming <c>fields.footnoteMarks…</c>).</exception>
    public static PlanFields Reconcile(PlanFields stored, PlanFields edited)
    {
        if (edited.FootnoteMarks.Count == 0 && stored.FootnoteMarks.Count > 0)
        {
            var kept = stored.FootnoteMarks.Where(m => edited.Footnotes.Any(f => f.Marker == m.Marker)).ToList();
            edited = edited with { FootnoteMarks = edited.Body == stored.Body ? kept : Rebase(stored.Body, kept, edited.Body) };
        }
        CheckKept(stored, edited.Footnotes, edited.FootnoteMarks, "fields.footnoteMarks");
        return Validate(edited);
    }

    /// <summary>
    /// Checks each mark: its number is one of the footnotes', it stands after a character of the body that is not a space
    /// nor a line break (and not inside a surrogate pair), and no footnote has two. Returns the fields with the marks in body order.
    /// </summary>
    /// <exception cref="WorkflowException">A mark that breaks one of these (422 naming <c>fields.footnoteMarks[i].marker</c> or <c>….offset</c>).</exception>
    public static PlanFields Validate(PlanFields fields)
    {
        var body = fields.Body;
        var seen = new HashSet<string>();
        for (var i = 0; i < fields.FootnoteMarks.Count; i++)
        {
            var mark = fields.FootnoteMarks[i];
            if (mark is null || string.IsNullOrWhiteSpace(mark.Marker) || fields.Footnotes.All(f => f.Marker != mark.Marker))
                throw WorkflowException.Invalid($"fields.footnoteMarks[{i}].marker", $"Không có chú thích số “{mark?.Marker}” cho dấu chú thích thứ {i + 1}.");
            if (!seen.Add(mark.Marker))
                throw WorkflowException.Invalid($"fields.footnoteMarks[{i}].marker", $"Chú thích {mark.Marker} có hơn một dấu: mỗi chú thích chỉ có một dấu.");
            if (!Fits(body, mark.Offset))
                throw WorkflowException.Invalid($"fields.footnoteMarks[{i}].offset",
                    $"Dấu chú thích {mark.Marker} phải đứng ngay sau một chữ của nội dung (vị trí từ 1 đến {body.Length}, tính theo ký tự UTF-16).");
        }
        return fields.FootnoteMarks.Count < 2 ? fields : fields with { FootnoteMarks = fields.FootnoteMarks.OrderBy(m => m.Offset).ToList() };
    }

    /// <summary>
    /// Carries marks from <paramref name="oldBody"/> over to <paramref name="newBody"/>: a mark before or after the
    /// edited span moves with its words; a mark whose words or next character were edited is
    /// put after the same words (up to 24 characters of its paragraph before it) when they occur exactly once in the new body.
    /// </summary>
    /// <exception cref="WorkflowException">A mark whose words are gone or occur several times (422 naming <c>fields.footnoteMarks[i]</c>, in Vietnamese).</exception>
    public static IReadOnlyList<PlanFootnoteMark> Rebase(string oldBody, IReadOnlyList<PlanFootnoteMark> marks, string newBody)
    {
        var prefix = 0;
        var shortest = Math.Min(oldBody.Length, newBody.Length);
        while (prefix < shortest && oldBody[prefix] == newBody[prefix]) prefix++;
        var suffix = 0;
        while (suffix < shortest - prefix && oldBody[^(suffix + 1)] == newBody[^(suffix + 1)]) suffix++;
        var delta = newBody.Length - oldBody.Length;
        var result = new List<PlanFootnoteMark>(marks.Count);
        for (var i = 0; i < marks.Count; i++)
        {
            var mark = marks[i];
            var o = mark.Offset;
            int? placed = o <= prefix ? o : o - 1 >= oldBody.Length - suffix ? o + delta : null;
            if (placed is not { } n || !SameSurroundings(oldBody, o, newBody, n))
            {
                var (found, several) = Find(oldBody, o, newBody);
                if (found is not { } p || !SameSurroundings(oldBody, o, newBody, p))
                    throw WorkflowException.Invalid($"fields.footnoteMarks[{i}]",
                        $"Dấu chú thích {mark.Marker} đứng sau “{Before(oldBody, o).Trim()}”, nhưng đoạn này đã bị sửa{(several ? " và những chữ ấy có ở nhiều chỗ" : "")}: hãy đặt lại vị trí dấu chú thích {mark.Marker} (footnoteMarks) trong nội dung mới.");
                placed = p;
            }
            result.Add(mark with { Offset = placed.Value });
        }
        return result;
    }

    /// <summary>Whether a mark may stand at <paramref name="offset"/>: after a character that is not a space, a line break or a high surrogate.</summary>
    private static bool Fits(string body, int offset) =>
        offset >= 1 && offset <= body.Length && !char.IsWhiteSpace(body[offset - 1]) && !char.IsHighSurrogate(body[offset - 1]);

    /// <summary>The mark still stands between the same two characters (a paragraph's end counts as a line break), so it
    /// cannot end up inside a word grown at its place ("2023¹." edited to "2023-2024." is refused, not "2023¹-2024.").</summary>
    private static bool SameSurroundings(string oldBody, int o, string newBody, int n) =>
        Fits(newBody, n) && oldBody[o - 1] == newBody[n - 1]
        && (o < oldBody.Length ? oldBody[o] : '\n') == (n < newBody.Length ? newBody[n] : '\n');

    /// <summary>
    /// Where the words before old offset <paramref name="o"/> end in the new body: the last word of its paragraph, then
    /// the last two… (up to <see cref="Context"/> characters), the first that occurs exactly once; null when they occur
    /// nowhere or never once (<c>Several</c> then true).
    /// </summary>
    private static (int? Found, bool Several) Find(string oldBody, int o, string newBody)
    {
        var limit = Math.Max(0, o - Context);
        var paragraph = oldBody.LastIndexOf('\n', o - 1) + 1;
        var several = false;
        for (var start = o - 1; start >= Math.Max(limit, paragraph); start--)
        {
            if (start > paragraph && oldBody[start - 1] != ' ') continue;
            var words = oldBody[start..o];
            if (words.Length < 4 && start > Math.Max(limit, paragraph)) continue;
            var first = newBody.IndexOf(words, StringComparison.Ordinal);
            if (first < 0) return (null, several);
            if (newBody.IndexOf(words, first + 1, StringComparison.Ordinal) < 0) return (first + words.Length, false);
            several = true;
        }
        return (null, several);
    }

    /// <summary>Up to <see cref="Context"/> characters of the paragraph before <paramref name="offset"/>, from a word's start.</summary>
    private static string Before(string body, int offset)
    {
        var start = Math.Max(0, offset - Context);
        var paragraph = body.LastIndexOf('\n', Math.Max(0, offset - 1));
        if (paragraph >= start) start = paragraph + 1;
        else if (start > 0)
        {
            var space = body.IndexOf(' ', start, offset - start);
            if (space >= 0 && space + 1 < offset) start = space + 1;
        }
        return body[start..offset];
    }

    private static string Digits(string superscripts) =>
        string.Concat(superscripts.Select(c => c switch { '¹' => '1', '²' => '2', '³' => '3', _ => (char)('0' + (c - '⁰')) }));
}
