using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Plans;

namespace Workflows.Distribution;

/// <summary>
/// At release, resolves the plan's Nơi nhận and writes one outgoing message per address into the outbox, in the
/// release transaction, and freezes what was resolved (<see cref="ReleaseRecipients"/>: name, address, entry per line);
/// any unresolved or ambiguous line refuses the release.
/// </summary>
internal sealed class DistributionReleaseParticipant(IOptions<OrganisationOptions> organisation, Receipts.ReleaseReceipts receipts) : IReleaseParticipant
{
    public async Task OnReleaseAsync(StepActionContext context, PlanRecord plan, CancellationToken cancellationToken)
    {
        var lines = await PlanRecipients.ResolveAsync(context.Work, plan.Id, plan.Fields, cancellationToken);
        if (lines.Count == 0) return;
        var blocking = lines.Where(l => l.Blocks).ToList();
        if (blocking.Count > 0)
            throw WorkflowException.Invalid("recipients",
                "Chưa phát hành được: Nơi nhận còn dòng chưa xác định người nhận — " +
                string.Join("; ", blocking.Select(l => $"dòng {l.Index + 1} \"{RecipientText.Clean(l.Text)}\" " +
                    (l.State switch
                    {
                        LineResolution.Ambiguous => $"(trùng nhiều mục: {string.Join(", ", l.Candidates.Select(c => c.Name))})",
                        LineResolution.Partial => $"(chỉ khớp một phần với \"{l.Candidates[0].Name}\", cần văn thư xác nhận)",
                        _ => "(không có trong danh bạ)",
                    }))) +
                ". Văn thư chọn người nhận cho các dòng này rồi phát hành lại.");

        var messages = lines.Where(l => l.State == LineResolution.Resolved)
            .SelectMany(l => l.Recipients.Select(r => (Line: l, Recipient: r, Address: r.Email!.Trim())))
            .GroupBy(x => x.Address.ToLowerInvariant())
            .Select(g => (g.First().Address, g.First().Recipient,
                Lines: string.Join("; ", g.Select(x => RecipientText.Clean(x.Line.Text)).Distinct()),
                Purpose: string.Join(", ", g.SelectMany(x => x.Line.Purpose.Split(", ")).Distinct())))
            .ToList();
        var body = BodyName(organisation.Value, plan.BodyCode);
        var (signerTitle, signerName) = Signer(plan.Signing);
        var subject = $"[{plan.Symbol}] {plan.Subject}";
        // One personal "Xác nhận đã nhận" link per message; only its hash is stored.
        var links = messages.Select(_ => receipts.NewLink()).ToList();
        // One statement for every recipient (arrays unnested), not one round trip each.
        OutboxWriter.EnqueueRelease(context.Work, plan.Id, subject, messages
            .Select((m, i) => (m.Address, m.Recipient.Name, m.Recipient.Id, m.Lines, m.Purpose,
                Body(m.Recipient.Name, body, plan, m.Purpose, signerTitle, signerName, context.Now, links[i].Link)))
            .ToList());
        receipts.Record(context.Work, plan.Id, messages.Select((m, i) => (m.Address, m.Recipient.Name, (Guid?)m.Recipient.Id, links[i].Hash)).ToList(), context.Now);
        ReleaseRecipients.Freeze(context.Work, plan.Id, lines, context.Actor.UserName, context.Now);
        context.Work.Audit(context.Now, context.Actor.UserName, "plan.distribution-queued", plan.Id, context.InstanceId, null, new
        {
            messages = messages.Count,
            recipients = messages.Select(m => new { entryId = m.Recipient.Id, name = m.Recipient.Name, address = m.Address }),
            archive = lines.Where(l => l.State == LineResolution.Archive).Select(l => RecipientText.Clean(l.Text)),
        });
    }

    /// <summary>The issuing body's name as the letter names the sender ("Phòng GD&amp;ĐT – UBND thành phố"), or its code.</summary>
    internal static string BodyName(OrganisationOptions organisation, string code)
    {
        var body = organisation.IssuingBodies.FirstOrDefault(b => b.Code == code);
        return body is null ? code : string.IsNullOrWhiteSpace(body.Parent) ? body.Name : $"{body.Name} – {body.Parent}";
    }

    /// <summary>The signer's title and name from the plan's stored signature JSON; empty when none.</summary>
    internal static (string Title, string Name) Signer(string? signing)
    {
        if (string.IsNullOrWhiteSpace(signing)) return ("", "");
        var s = JsonSerializer.Deserialize<Signature>(signing, JsonSerializerOptions.Web);
        if (s is null) return ("", "");
        return (s.SecondTitle is null ? s.Title : $"{s.Title} / {s.SecondTitle}", s.Name);
    }

    /// <summary>The release letter to <paramref name="recipient"/>, ending with its personal <paramref name="receiptLink"/>.</summary>
    internal static string Body(string recipient, string sender, PlanRecord plan, string purpose, string signerTitle, string signerName, DateTimeOffset now,
        string receiptLink)
    {
        var date = plan.IssuedOn ?? VietnamTime.ToVietnamDate(now);
        var text = new StringBuilder();
        text.AppendLine($"Kính gửi: {recipient}");
        text.AppendLine();
        text.AppendLine($"{sender} gửi Kế hoạch số {plan.Symbol} ngày {date:dd}/{date:MM}/{date:yyyy} về việc {plan.Subject}, {purpose}.");
        text.AppendLine();
        text.AppendLine($"Văn bản do {signerTitle} {signerName} ký ban hành ngày {date:dd} tháng {date:MM} năm {date:yyyy}; toàn văn ở tệp đính kèm.".Replace("  ", " "));
        text.AppendLine();
        text.AppendLine("Đề nghị quý cơ quan, đơn vị xác nhận đã nhận văn bản bằng đường dẫn dưới đây (không cần tài khoản):");
        text.AppendLine(receiptLink);
        text.AppendLine();
        text.AppendLine("Đây là thư gửi tự động từ hệ thống phát hành văn bản; xin không trả lời thư này.");
        return text.ToString();
    }
}
