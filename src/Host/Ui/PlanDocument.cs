using System.Text.Json;
using Workflows.Engine;
using Workflows.Organisation;
using Workflows.Plans;

namespace Workflows.Host.Ui;

/// <summary>
/// A plan laid out as the document it will be (Nghị định 30/2020, Phụ lục I: quốc hiệu và tiêu ngữ, tên cơ quan,
/// số và ký hiệu, địa danh và thời gian, tên loại và trích yếu, nội dung, Nơi nhận, chữ ký).
/// </summary>
internal sealed record PlanDocument(
    string IssuerParent, string IssuerName, string NumberLine, string PlaceDate, string? TypeName, string Subject,
    IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Recipients, string SignerTitle, string? SignerSecondTitle,
    string SignerName, bool Signed)
{
    /// <summary>Builds the layout from the stored plan, its body's settings and, once signed, its signature.</summary>
    public static PlanDocument From(PlanRecord plan, IssuingBody? body)
    {
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(plan.Fields) ? "{}" : plan.Fields);
        var root = json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement : default;
        string? Text(params string[] path)
        {
            if (root.ValueKind != JsonValueKind.Object) return null;
            var e = root;
            foreach (var p in path)
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e)) return null;
            return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        var place = Text("place") ?? body?.Place ?? "";
        var date = plan.IssuedOn is { } d ? $"ngày {d.Day:00} tháng {d.Month:00} năm {d.Year}" : "ngày … tháng … năm …";
        var paragraphs = (Text("body") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Nơi nhận: one line per recipient, the archive copies last on one line "- Lưu: VT, …" (Nghị định 30/2020, Phụ lục I).
        var recipients = new List<string>();
        var archive = new List<string>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("recipients", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var r in list.EnumerateArray())
            {
                var name = r.ValueKind == JsonValueKind.String ? r.GetString()
                    : r.ValueKind == JsonValueKind.Object && r.TryGetProperty("name", out var n) ? n.GetString() : null;
                if (string.IsNullOrWhiteSpace(name)) continue;
                var kind = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                if (kind == "archive" || Workflows.Distribution.RecipientText.IsArchive(name))
                {
                    archive.Add(name.StartsWith("Lưu", StringComparison.OrdinalIgnoreCase) ? name.TrimStart("Lưu:".ToCharArray()).Trim() : name);
                    continue;
                }
                var purposes = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("purpose", out var p) && p.ValueKind == JsonValueKind.Array
                    ? string.Join(", ", p.EnumerateArray().Select(x => x.GetString()).Where(x => !string.IsNullOrWhiteSpace(x))) : "";
                recipients.Add($"- {name}{(purposes.Length > 0 ? $" ({purposes})" : "")};");
            }
        if (archive.Count > 0) recipients.Add($"- Lưu: {string.Join(", ", archive)}.");
        else if (recipients.Count > 0) recipients[^1] = recipients[^1].TrimEnd(';') + ".";

        Signature? signature = plan.Signing is null ? null : JsonSerializer.Deserialize<Signature>(plan.Signing, JsonSerializerOptions.Web);
        var signerTitle = signature?.Title ?? Join(Text("signer", "form"), Text("signer", "title") ?? body?.HeadTitle ?? "");
        return new PlanDocument(
            Text("issuer", "parent") ?? body?.Parent ?? "",
            Text("issuer", "name") ?? body?.Name ?? plan.BodyCode,
            $"Số: {plan.Symbol ?? $"…/{plan.DocumentType}-{plan.BodyCode}"}",
            $"{place}, {date}",
            TypeNames.GetValueOrDefault(plan.DocumentType),
            plan.Subject,
            paragraphs,
            recipients,
            signerTitle,
            signature is null ? Text("signer", "secondTitle") : signature.SecondTitle,
            signature?.Name ?? Text("signer", "name") ?? "",
            signature is not null);
    }

    private static string Join(string? form, string title) => string.IsNullOrWhiteSpace(form) ? title : $"{form.Trim()} {title}";

    private static readonly Dictionary<string, string> TypeNames = new()
    {
        ["KH"] = "KẾ HOẠCH", ["QĐ"] = "QUYẾT ĐỊNH", ["TB"] = "THÔNG BÁO", ["HD"] = "HƯỚNG DẪN",
        ["CTr"] = "CHƯƠNG TRÌNH", ["BC"] = "BÁO CÁO",
    };
}
