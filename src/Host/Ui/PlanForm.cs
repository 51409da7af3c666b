using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.Host.Ui;

/// <summary>
/// The drafter's form over a plan's <see cref="PlanFields"/>: the fields a person corrects are edited here (the work
/// programme table and the footnotes included), the others (warnings, a duty's months…) are kept as they were.
/// </summary>
internal sealed class PlanForm
{
    public string? Subject { get; set; }
    public string DocumentType { get; set; } = "KH";
    public string? IssuerParent { get; set; }
    public string? IssuerName { get; set; }
    public string? Place { get; set; }
    public string? Body { get; set; }
    public string? SignerForm { get; set; }
    public string? SignerTitle { get; set; }
    public string? SignerSecondTitle { get; set; }
    public string? SignerName { get; set; }
    public List<RecipientRow> Recipients { get; set; } = [];
    public List<DutyRow> Duties { get; set; } = [];

    /// <summary>The rows of the work programme table (CHƯƠNG TRÌNH CÔNG TÁC).</summary>
    public List<ProgrammeRow> Programme { get; set; } = [];

    /// <summary>The footnotes.</summary>
    public List<FootnoteRow> Footnotes { get; set; } = [];

    /// <summary>True when the posted form carried the table and the footnotes (a post without them keeps the stored ones).</summary>
    public bool HasTables { get; set; }

    /// <summary>One task of the work programme.</summary>
    internal sealed class ProgrammeRow
    {
        public string? Period { get; set; }
        public string? Task { get; set; }
        public string? Lead { get; set; }
    }

    /// <summary>One footnote.</summary>
    internal sealed class FootnoteRow
    {
        public string? Marker { get; set; }
        public string? Text { get; set; }
    }

    /// <summary>One Nơi nhận line.</summary>
    internal sealed class RecipientRow
    {
        public string? Name { get; set; }
        public string? Purpose { get; set; }
        public string? Kind { get; set; }
    }

    /// <summary>One reporting duty.</summary>
    internal sealed class DutyRow
    {
        public string? Reporter { get; set; }
        public string? Recipient { get; set; }
        public string? Frequency { get; set; }
        public int? DueDay { get; set; }
        public string? Text { get; set; }
    }

    /// <summary>
    /// Frequencies of a reporting duty as the reader writes them: none (""), the scheduled ones, then <c>unspecified</c>;
    /// each API value with its Vietnamese name (<see cref="ReportingFrequencies.Label"/>).
    /// </summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Frequencies =
        [("", "—"), .. ReportingText.FrequencyOptions,
         (ReportingFrequencies.ToApi(ReportingFrequency.Unspecified), ReportingFrequencies.Label(ReportingFrequency.Unspecified))];

    /// <summary>Kinds of a Nơi nhận line.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> RecipientKinds =
        [("external", "Gửi ra ngoài"), ("internal", "Nội bộ"), ("archive", "Lưu")];

    /// <summary>The form of a stored plan, with <paramref name="blankRows"/> empty rows to add lines.</summary>
    public static PlanForm From(PlanRecord plan, int blankRows = 2)
    {
        var fields = plan.Fields;
        var form = new PlanForm
        {
            Subject = plan.Subject,
            DocumentType = plan.DocumentType,
            IssuerParent = fields.Issuer.Parent,
            IssuerName = fields.Issuer.Name,
            Place = fields.Place,
            Body = FootnoteMarks.Inline(fields.Body, fields.FootnoteMarks),
            SignerForm = fields.Signer?.Form,
            SignerTitle = fields.Signer?.Title,
            SignerSecondTitle = fields.Signer?.SecondTitle,
            SignerName = fields.Signer?.Name,
            HasTables = true,
        };
        foreach (var row in fields.WorkProgramme)
            form.Programme.Add(new ProgrammeRow { Period = row.Period, Task = row.Task, Lead = row.Lead });
        foreach (var note in fields.Footnotes)
            form.Footnotes.Add(new FootnoteRow { Marker = note.Marker, Text = note.Text });
        foreach (var r in fields.Recipients)
            form.Recipients.Add(new RecipientRow { Name = r.Name, Purpose = string.Join(", ", r.Purpose), Kind = KindValue(r.Kind) });
        foreach (var d in fields.ReportingDuties)
            form.Duties.Add(new DutyRow
            {
                Reporter = d.Reporter, Recipient = d.Recipient, Frequency = d.Frequency is { } f ? ReportingFrequencies.ToApi(f) : null,
                DueDay = d.DueDay, Text = d.Text,
            });
        for (var i = 0; i < blankRows; i++)
        {
            form.Recipients.Add(new RecipientRow { Kind = "external" });
            form.Duties.Add(new DutyRow());
            form.Programme.Add(new ProgrammeRow { Period = fields.WorkProgramme.LastOrDefault()?.Period });
        }
        form.Footnotes.Add(new FootnoteRow { Marker = (fields.Footnotes.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return form;
    }

    /// <summary>The stored fields with this form's values written over them (blank rows dropped; a duty keeps the members
    /// the form does not show, such as its months and its completed schedule). The body carries its footnote marks as
    /// superscript digits ("năm 2023¹."), read out into <see cref="PlanFields.FootnoteMarks"/> by <see cref="FootnoteMarks.Extract"/>.</summary>
    /// <exception cref="WorkflowException">A frequency or a kind not among the form's choices, or a footnote mark lost,
    /// doubled or left without its footnote (422 naming the form field, <c>Body</c> for the marks).</exception>
    public PlanFields ToFields(PlanFields stored)
    {
        var footnotes = !HasTables ? stored.Footnotes : Footnotes.Where(n => !string.IsNullOrWhiteSpace(n.Text))
            .Select((n, i) => new PlanFootnote(Blank(n.Marker) ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), n.Text!.Trim())).ToList();
        var (body, marks) = Body is null
            ? (stored.Body, stored.FootnoteMarks.Where(m => footnotes.Any(f => f.Marker == m.Marker)).ToList())
            : FootnoteMarks.Extract(Body, footnotes.Select(f => f.Marker).ToHashSet(), stored.FootnoteMarks.Select(m => m.Marker).ToHashSet(), nameof(Body));
        FootnoteMarks.CheckKept(stored, footnotes, marks, nameof(Body));
        return Fields(stored, body, footnotes, marks);
    }

    private PlanFields Fields(PlanFields stored, string body, IReadOnlyList<PlanFootnote> footnotes, IReadOnlyList<PlanFootnoteMark> marks) => stored with
    {
        Issuer = new PlanIssuer(Blank(IssuerParent), Blank(IssuerName)),
        Place = Blank(Place),
        Subject = Blank(Subject),
        DocumentType = DocumentType,
        Body = body,
        FootnoteMarks = marks,
        Signer = (stored.Signer ?? new PlanSigner(null, null, null, null, null)) with
        {
            Form = Blank(SignerForm), Title = Blank(SignerTitle), SecondTitle = Blank(SignerSecondTitle), Name = Blank(SignerName),
        },
        Recipients = Recipients.Select((r, i) => (r, i)).Where(x => !string.IsNullOrWhiteSpace(x.r.Name)).Select(x => new PlanRecipient(
            x.r.Name!.Trim(),
            (x.r.Purpose ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            KindOf(x.r.Kind, $"Recipients[{x.i}].Kind"))).ToList(),
        ReportingDuties = Duties.Select((d, i) => (d, i))
            .Where(x => !string.IsNullOrWhiteSpace(x.d.Text) || !string.IsNullOrWhiteSpace(x.d.Reporter))
            .Select(x => (x.i < stored.ReportingDuties.Count ? stored.ReportingDuties[x.i] : new ReportingDuty(null, null, null, null, null, null, null)) with
            {
                Reporter = Blank(x.d.Reporter),
                Recipient = Blank(x.d.Recipient),
                Frequency = FrequencyOf(x.d.Frequency, $"Duties[{x.i}].Frequency"),
                DueDay = x.d.DueDay,
                Text = Blank(x.d.Text),
            }).ToList(),
        WorkProgramme = !HasTables ? stored.WorkProgramme : Programme.Where(r => !string.IsNullOrWhiteSpace(r.Task))
            .Select(r => new WorkProgrammeRow(Blank(r.Period), r.Task!.Trim(), Blank(r.Lead))).ToList(),
        Footnotes = footnotes,
    };

    private static string KindValue(RecipientKind kind) => kind switch
    {
        RecipientKind.Internal => "internal",
        RecipientKind.Archive => "archive",
        _ => "external",
    };

    private static RecipientKind KindOf(string? value, string field) => value?.Trim() switch
    {
        null or "" or "external" => RecipientKind.External,
        "internal" => RecipientKind.Internal,
        "archive" => RecipientKind.Archive,
        _ => throw WorkflowException.Invalid(field, "Chọn loại nơi nhận trong danh sách."),
    };

    private static ReportingFrequency? FrequencyOf(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : ReportingFrequencies.Parse(value) ?? throw WorkflowException.Invalid(field, "Chọn tần suất báo cáo trong danh sách.");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
