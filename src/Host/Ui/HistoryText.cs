using System.Text.Json;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Ui;

/// <summary>
/// A plan's history line in the words of the office: "Trình", "Đồng ý — Kiểm tra", "Ký ban hành (KT. TRƯỞNG PHÒNG)",
/// "Cấp số và phát hành", "Đã lập lịch báo cáo"… never an audit code or a step id. The step and outcome are read
/// against the plan's workflow definition (its step names and labels); an action this page does not know is said
/// by the step's name, or as a generic "Ghi nhận của hệ thống".
/// </summary>
internal static class HistoryText
{
    /// <summary>The line's action in words.</summary>
    public static string Action(HistoryEntry entry, WorkflowDefinition? definition)
    {
        var step = entry.Step is { } id && definition?.Steps.GetValueOrDefault(id) is { } s ? s : null;
        return entry.What switch
        {
            "plan.created" => "Tạo kế hoạch",
            "plan.corrected" => "Chỉnh sửa nội dung",
            "plan.submitted" => "Trình",
            "plan.resubmitted" => "Trình lại sau chỉnh sửa",
            "task.completed" => Completed(entry, step),
            "plan.document-signed" => "Lập văn bản PDF, ký số của người ký",
            "plan.document-sealed" => "Ghi số, ngày ban hành; ký số của cơ quan",
            "plan.issued" => Text(entry, "symbol") is { } symbol ? $"Cấp số {symbol}" : "Cấp số, ngày ban hành",
            "plan.released" => "Phát hành",
            "plan.recipient-chosen" => "Văn thư chọn nơi nhận",
            "plan.delivery-resent" => "Gửi lại thư",
            "plan.distribution-queued" => "Xếp thư phát hành vào hàng gửi",
            "plan.distribution-supplementary" => "Gửi bổ sung",
            "plan.reporting-duty-completed" => "Hoàn thiện nhiệm vụ báo cáo",
            "plan.receipt-acknowledged" => Text(entry, "recipient") is { } who ? $"{who} xác nhận đã nhận" : "Nơi nhận xác nhận đã nhận",
            "plan.recalled" => Text(entry, "reason") is { } why ? $"Thu hồi văn bản: {why}" : "Thu hồi văn bản",
            "plan.replaced" => Text(entry, "replacedBySymbol") is { } by ? $"Thay thế bởi Kế hoạch số {by}" : "Thay thế văn bản",
            "reporting.activated" => "Đã lập lịch báo cáo",
            "reporting.plan-schedules-cancelled" => "Hủy lịch báo cáo của kế hoạch",
            "reporting.schedule-created" => "Lập lịch báo cáo",
            "reporting.schedule-edited" => "Sửa lịch báo cáo",
            "reporting.schedule-cancelled" => "Hủy lịch báo cáo",
            "instance.started" => "Bắt đầu quy trình",
            "instance.completed" => "Kết thúc quy trình",
            "task.created" => "Chuyển bước",
            "task.delegated" => Delegated(entry, step),
            "task.claimed" => step is null ? "Nhận xử lý" : $"Nhận xử lý — {step.Name}",
            "task.reminded" => $"Nhắc việc — {What(entry, step)}",
            "task.escalated" => Escalated(entry, step),
            "parallel.joined" => step is not null && Text(entry, "outcome") is { } joined && step.Outcomes.GetValueOrDefault(joined) is { } result
                ? $"{step.Name}: {result.Label}" : "Tổng hợp ý kiến",
            _ => step?.Name ?? "Ghi nhận của hệ thống",
        };
    }

    private static string Completed(HistoryEntry entry, StepDefinition? step)
    {
        // A branch of a parallel consultation: its own answer, named by the branch (the unit that answered).
        if (Text(entry, "branchName") is { } branch)
            return entry.Outcome == "return" ? $"Trả lại — {branch}" : $"Đồng ý — {branch}";
        var first = step is not null && entry.Outcome == step.Outcomes.Keys.FirstOrDefault();
        if (step is { Signing: true } && first)
            return Signature(entry) is { } title ? $"Ký ban hành ({title})" : "Ký ban hành";
        if (Workflows.Issuance.ReleaseQueue.IsReleaseStep(step) && first) return "Cấp số và phát hành";
        var at = step is null ? "" : $" — {step.Name}";
        return entry.Outcome switch
        {
            "approve" => "Đồng ý" + at,
            "return" => "Trả lại" + at,
            "reject" => "Không ban hành" + at,
            "submit" => "Trình",
            { } other when step?.Outcomes.GetValueOrDefault(other) is { } outcome => outcome.Label,
            _ => step?.Name ?? "Xử lý",
        };
    }

    /// <summary>What a timer or a delegation acted on: the branch of a consultation by its name, else the step's name.</summary>
    private static string What(HistoryEntry entry, StepDefinition? step) =>
        Text(entry, "branch") is { } branch && step?.Branches.FirstOrDefault(b => b.Id == branch) is { } b ? b.Name : step?.Name ?? "Công việc";

    /// <summary>An escalation: "Báo chậm xử lý", "Tự động đồng ý do quá hạn", "Chuyển lên do quá hạn", with what it concerned.</summary>
    private static string Escalated(HistoryEntry entry, StepDefinition? step)
    {
        var what = What(entry, step);
        return Text(entry, "action") switch
        {
            "notify" => $"Báo chậm xử lý — {what}",
            "outcome" => Text(entry, "outcome") switch
            {
                "agree" => $"Tự động đồng ý do quá hạn — {what}",
                "return" => $"Tự động trả lại do quá hạn — {what}",
                { } other when step?.Outcomes.GetValueOrDefault(other) is { } outcome => $"Tự động {outcome.Label.ToLowerInvariant()} do quá hạn — {what}",
                _ => $"Tự động xử lý do quá hạn — {what}",
            },
            _ => $"Chuyển lên do quá hạn — {what}",
        };
    }

    /// <summary>A task handed to, or acted on by, a delegate: "Xử lý thay Trần Nam Hải theo ủy quyền (Giấy ủy quyền số 12/GUQ-PGDĐT) — Ký ban hành".</summary>
    private static string Delegated(HistoryEntry entry, StepDefinition? step)
    {
        var absent = Text(entry, "onBehalfOfName") ?? Text(entry, "onBehalfOf") ?? "người vắng mặt";
        var reference = Text(entry, "reference") is { } r ? $" ({r})" : "";
        var what = step is null ? null : What(entry, step);
        var by = Text(entry, "assigneeName") is { } name ? $"{name} x" : "X";
        return $"{by}ử lý thay {absent} theo ủy quyền{reference}{(what is null ? "" : $" — {what}")}";
    }

    /// <summary>The signing form and title recorded with a signature, e.g. "KT. TRƯỞNG PHÒNG" or "TRƯỞNG PHÒNG".</summary>
    private static string? Signature(HistoryEntry entry)
    {
        using var data = JsonDocument.Parse(entry.Data);
        if (!TryGet(data.RootElement, "signature", out var signature) || signature.ValueKind != JsonValueKind.Object) return null;
        return TryGet(signature, "title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null;
    }

    private static string? Text(HistoryEntry entry, string name)
    {
        using var data = JsonDocument.Parse(entry.Data);
        return TryGet(data.RootElement, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object) return false;
        foreach (var property in element.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            value = property.Value;
            return true;
        }
        return false;
    }
}
