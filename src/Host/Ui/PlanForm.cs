using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Plans;

namespace Workflows.Host.Ui;

/// <summary>
/// The drafter's form over a plan's fields (the reader's JSON, <c>PlanReadResult</c> shape): the fields a person
/// corrects are edited here, the others (footnotes, work programme…) are kept as they were.
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

    /// <summary>Frequencies of a reporting duty as the reader writes them, with their Vietnamese names.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Frequencies =
        [("", "—"), ("monthly", "Hằng tháng"), ("quarterly", "Hằng quý"), ("half-yearly", "6 tháng"),
         ("yearly", "Hằng năm"), ("once", "Một lần"), ("unspecified", "Định kỳ, chưa rõ kỳ")];

    /// <summary>Kinds of a Nơi nhận line.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> RecipientKinds =
        [("external", "Gửi ra ngoài"), ("internal", "Nội bộ"), ("archive", "Lưu")];

    /// <summary>The form of a stored plan, with <paramref name="blankRows"/> empty rows to add lines.</summary>
    public static PlanForm From(PlanRecord plan, int blankRows = 2)
    {
        var fields = Parse(plan.Fields);
        var form = new PlanForm
        {
            Subject = plan.Subject,
            DocumentType = plan.DocumentType,
            IssuerParent = Text(fields["issuer"]?["parent"]),
            IssuerName = Text(fields["issuer"]?["name"]),
            Place = Text(fields["place"]),
            Body = Text(fields["body"]),
            SignerForm = Text(fields["signer"]?["form"]),
            SignerTitle = Text(fields["signer"]?["title"]),
            SignerSecondTitle = Text(fields["signer"]?["secondTitle"]),
            SignerName = Text(fields["signer"]?["name"]),
        };
        if (fields["recipients"] is JsonArray recipients)
            foreach (var r in recipients)
                form.Recipients.Add(r is JsonValue v
                    ? new RecipientRow { Name = Text(v), Kind = "external" }
                    : new RecipientRow { Name = Text(r?["name"]), Purpose = Purposes(r?["purpose"]), Kind = Text(r?["kind"]) ?? "external" });
        if (fields["reportingDuties"] is JsonArray duties)
            foreach (var d in duties)
                form.Duties.Add(new DutyRow
                {
                    Reporter = Text(d?["reporter"]), Recipient = Text(d?["recipient"]), Frequency = Text(d?["frequency"]),
                    DueDay = d?["dueDay"] is JsonValue day && day.TryGetValue<int>(out var n) ? n : null, Text = Text(d?["text"]),
                });
        for (var i = 0; i < blankRows; i++)
        {
            form.Recipients.Add(new RecipientRow { Kind = "external" });
            form.Duties.Add(new DutyRow());
        }
        return form;
    }

    /// <summary>The warnings the reader left for the drafter to check.</summary>
    public static IReadOnlyList<string> Warnings(string fieldsJson) =>
        Parse(fieldsJson)["warnings"] is JsonArray warnings ? warnings.Select(w => Text(w) ?? "").Where(w => w.Length > 0).ToList() : [];

    /// <summary>The stored fields with this form's values written over them (blank rows dropped).</summary>
    public string ToFieldsJson(string storedFields)
    {
        var fields = Parse(storedFields);
        var issuer = fields["issuer"] as JsonObject ?? new JsonObject();
        issuer["parent"] = Blank(IssuerParent);
        issuer["name"] = Blank(IssuerName);
        fields["issuer"] = issuer;
        fields["place"] = Blank(Place);
        fields["subject"] = Blank(Subject);
        fields["documentType"] = DocumentType;
        if (Body is not null) fields["body"] = Body.Replace("\r\n", "\n", StringComparison.Ordinal);
        var signer = fields["signer"] as JsonObject ?? new JsonObject();
        signer["form"] = Blank(SignerForm);
        signer["title"] = Blank(SignerTitle);
        signer["secondTitle"] = Blank(SignerSecondTitle);
        signer["name"] = Blank(SignerName);
        fields["signer"] = signer;
        fields["recipients"] = new JsonArray(Recipients.Where(r => !string.IsNullOrWhiteSpace(r.Name)).Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name!.Trim(),
            ["purpose"] = new JsonArray((r.Purpose ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            ["kind"] = string.IsNullOrWhiteSpace(r.Kind) ? "external" : r.Kind,
        }).ToArray());
        var oldDuties = fields["reportingDuties"] as JsonArray;
        fields["reportingDuties"] = new JsonArray(Duties.Select((d, i) => (d, i))
            .Where(x => !string.IsNullOrWhiteSpace(x.d.Text) || !string.IsNullOrWhiteSpace(x.d.Reporter))
            .Select(x =>
            {
                var duty = oldDuties is not null && x.i < oldDuties.Count && oldDuties[x.i] is JsonObject old
                    ? (JsonObject)old.DeepClone() : new JsonObject { ["months"] = null, ["year"] = null };
                duty["reporter"] = Blank(x.d.Reporter);
                duty["recipient"] = Blank(x.d.Recipient);
                duty["frequency"] = Blank(x.d.Frequency);
                duty["dueDay"] = x.d.DueDay;
                duty["text"] = Blank(x.d.Text);
                return (JsonNode)duty;
            }).ToArray());
        return fields.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Parse(string json)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? Purposes(JsonNode? node) => node switch
    {
        JsonArray a => string.Join(", ", a.Select(Text).Where(t => !string.IsNullOrWhiteSpace(t))),
        JsonValue v => Text(v),
        _ => null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
