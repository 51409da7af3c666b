using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflows.Distribution;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Organisation;
using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>
/// The one home of the rule "a duty's reporter decides who is asked" (Nghị định 09/2019/NĐ-CP, Điều 6: a reporting
/// regime names who reports). In order: the duty's explicit <see cref="ReportingDuty.Target"/> (the drafter's or the
/// clerk's choice); no reporter at all: the configured default group; a reporter naming the issuing body itself
/// ("Phòng GD&amp;ĐT"): its leaders group (<see cref="ReportingOptions.LeadersGroup"/>); otherwise the reporter text
/// resolved against the directory exactly as a Nơi nhận line is (<see cref="RecipientResolver"/>: a school group, named
/// schools, an internal unit, an outside body). The entries reached decide the kind: units and people of the plan's own
/// body make an <see cref="DutyAudience.Internal"/> duty (reminders to that unit, never a request to a school); anything
/// else makes <see cref="DutyAudience.Requests"/>; a mix is refused.
/// </summary>
internal sealed class DutyAudiences(ReportingScheduleStore store, IOptions<ReportingOptions> options, IOptions<OrganisationOptions> organisation)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Resolves duty <paramref name="index"/> of a plan of body <paramref name="bodyCode"/> inside <paramref name="work"/>.</summary>
    /// <exception cref="WorkflowException">
    /// 422 naming <c>reportingDuties[i].reporter</c> when the reporter matches no entry, several, or only part of one, or
    /// reaches both the office's own units and outside bodies; 422 naming <c>reportingDuties[i].target</c> for a bad explicit
    /// target or one without any address. Each message names the duty (its number and clause).
    /// </exception>
    public async Task<DutyAudience> ResolveAsync(UnitOfWork work, string bodyCode, ReportingDuty duty, int index, CancellationToken cancellationToken)
    {
        var prefix = $"reportingDuties[{index}].";
        var entries = await DirectoryStore.AllAsync(work, cancellationToken);
        var byId = entries.ToDictionary(e => e.Id);
        string targetJson, from;
        if (duty.Target is not null || string.IsNullOrWhiteSpace(duty.Reporter))
        {
            from = duty.Target is null ? "default" : "target";
            try
            {
                targetJson = await store.CheckTargetAsync(work, ScheduleInput.FromDuty(duty).Target, prefix, cancellationToken);
            }
            catch (WorkflowException e) when (e.Kind == ErrorKind.Invalid)
            {
                throw WorkflowException.Invalid(e.Field ?? prefix + "target", $"{Name(duty, index)}: {e.Message}");
            }
        }
        else if (NamesOwnBody(duty.Reporter, bodyCode))
        {
            from = "own-body";
            var leaders = await ReportingScheduleStore.FindGroupAsync(work, options.Value.LeadersGroup, cancellationToken)
                ?? throw WorkflowException.Invalid(prefix + "reporter",
                    $"{Name(duty, index)}: đơn vị báo cáo là chính cơ quan ban hành, nhưng danh bạ không có nhóm \"{options.Value.LeadersGroup}\" để nhắc việc; chọn bộ phận thực hiện.");
            targetJson = JsonSerializer.Serialize(new { groupId = leaders.Id, group = leaders.Name }, Json);
        }
        else
        {
            from = "reporter";
            var line = new RecipientLine(index, duty.Reporter, [], RecipientKind.External);
            var resolution = new RecipientResolver(entries).Resolve(line);
            if (resolution.State != LineResolution.Resolved)
                throw WorkflowException.Invalid(prefix + "reporter", $"{Name(duty, index)}: đơn vị báo cáo \"{duty.Reporter.Trim()}\" " + resolution.State switch
                {
                    LineResolution.Ambiguous => $"trùng nhiều mục danh bạ ({string.Join(", ", resolution.Candidates.Select(c => c.Name))})",
                    LineResolution.Partial => $"chỉ khớp một phần với \"{resolution.Candidates[0].Name}\"",
                    _ => "không có trong danh bạ",
                } + "; chọn đơn vị báo cáo (nhóm trường, trường hoặc bộ phận của cơ quan) trước khi phát hành.");
            targetJson = JsonSerializer.Serialize(new { entryIds = resolution.Entries.Select(e => e.Id).ToArray() }, Json);
        }

        var members = await ReportingScheduleStore.MembersAsync(work, ReportingScheduleStore.TargetIds(targetJson), cancellationToken);
        if (members.Count == 0)
            throw WorkflowException.Invalid(prefix + (from == "reporter" ? "reporter" : "target"),
                $"{Name(duty, index)}: đối tượng báo cáo không có mục nào có địa chỉ thư điện tử.");
        var internalCount = members.Count(m => byId.TryGetValue(m.Id, out var e) && IsOwnUnit(e, bodyCode));
        if (internalCount > 0 && internalCount < members.Count)
            throw WorkflowException.Invalid(prefix + (from == "target" ? "target" : "reporter"),
                $"{Name(duty, index)}: đối tượng báo cáo lẫn bộ phận của cơ quan và đơn vị bên ngoài; tách thành hai nhiệm vụ hoặc chọn lại.");
        return new DutyAudience(internalCount == 0 ? DutyAudience.Requests : DutyAudience.Internal, targetJson, members, from);
    }

    /// <summary>"Nhiệm vụ báo cáo 2 (“Trước ngày 15 hằng tháng …”)": how an error names a duty.</summary>
    public static string Name(ReportingDuty duty, int index)
    {
        var text = duty.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return $"Nhiệm vụ báo cáo {index + 1}";
        return $"Nhiệm vụ báo cáo {index + 1} (“{(text.Length > 80 ? text[..80].TrimEnd() + " …" : text)}”)";
    }

    /// <summary>A unit or person of the plan's own body (its tổ công tác, its leaders).</summary>
    private static bool IsOwnUnit(DirectoryEntry entry, string bodyCode) =>
        entry.Kind is "unit" or "person" && string.Equals(entry.BodyCode, bodyCode, StringComparison.Ordinal);

    /// <summary>
    /// True when <paramref name="reporter"/> names the issuing body itself: its name or code ("Phòng GD&amp;ĐT",
    /// "PGDĐT"), possibly followed by its kind of place ("thành phố", "huyện") and its place name.
    /// </summary>
    private bool NamesOwnBody(string reporter, string bodyCode)
    {
        var body = organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == bodyCode);
        if (body is null) return false;
        var key = RecipientText.Normalise(reporter);
        var names = new[] { body.Name, body.Code }.Select(RecipientText.Normalise).Where(n => n.Length > 0).ToList();
        if (names.Contains(key)) return true;
        var place = RecipientText.Normalise(body.Place).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] placeWords = ["tp", "thi", "xa", "huyen", "quan", "phuong", "tinh", .. place];
        return names.Any(n => key.StartsWith(n + " ", StringComparison.Ordinal)
            && key[(n.Length + 1)..].Split(' ').All(w => placeWords.Contains(w)));
    }
}
