using Npgsql;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Storage;

namespace Workflows.Distribution;

/// <summary>Resolution of a plan's Nơi nhận lines, and the clerk's picks.</summary>
public sealed class PlanRecipients(NpgsqlDataSource dataSource)
{
    /// <summary>Resolves the lines of <paramref name="planId"/> inside a caller's transaction.</summary>
    public static async Task<IReadOnlyList<LineResolution>> ResolveAsync(UnitOfWork work, Guid planId, PlanFields fields, CancellationToken ct)
    {
        var lines = RecipientLine.FromFields(fields);
        if (lines.Count == 0) return [];
        var entries = await DirectoryStore.AllAsync(work, ct);
        var choices = (await work.QueryAsync<(int, Guid)>(
            "SELECT line_index, entry_id FROM plan_recipient_choices WHERE plan_id = @planId", new { planId }, ct))
            .ToDictionary(c => c.Item1, c => c.Item2);
        return new RecipientResolver(entries).Resolve(lines, choices);
    }

    /// <summary>The plan's lines and their resolution (the caller has checked access to the plan).</summary>
    public async Task<IReadOnlyList<LineResolution>> ResolveAsync(Guid planId, PlanFields fields, CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        return await ResolveAsync(work, planId, fields, ct);
    }

    /// <summary>True when <paramref name="actor"/> may resolve a Nơi nhận line by picking a directory entry (Clerk or Admin), the rule of <see cref="ChooseAsync"/>.</summary>
    public static bool MayChoose(Actor actor) => actor.IsIn(Roles.Clerk) || actor.IsIn(Roles.Admin);

    /// <summary>
    /// The clerk picks the entry for one line: kept for this plan, and the line's text becomes an alias of the entry
    /// so the next plan resolves by itself.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan or line (404); another body's plan, or neither Clerk nor Admin (403); no entry chosen,
    /// an unknown entry or an archive line (422, fields <c>entryId</c>, <c>lineIndex</c>).</exception>
    public async Task ChooseAsync(Guid planId, int lineIndex, Guid? entryId, Actor actor, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var plan = await Plans.PlanAccess.RequireAsync(work, planId, actor, ct);
        if (!MayChoose(actor)) throw WorkflowException.Forbidden("Chỉ văn thư mới chọn được người nhận.");
        var line = RecipientLine.FromFields(plan.Fields).FirstOrDefault(l => l.Index == lineIndex)
            ?? throw WorkflowException.NotFound($"Dòng Nơi nhận {lineIndex}");
        if (RecipientText.IsArchive(line.Text)) throw WorkflowException.Invalid("lineIndex", "Dòng lưu trữ không gửi email.");
        if (entryId is not { } entry) throw WorkflowException.Invalid("entryId", "Cần chọn một mục danh bạ.");
        if (await work.ExecuteScalarAsync<int>("SELECT count(*) FROM directory_entries WHERE id = @entry", new { entry }, ct) == 0)
            throw WorkflowException.Invalid("entryId", "Mục danh bạ không tồn tại.");
        var text = RecipientText.Clean(line.Text);
        work.Queue("""
            INSERT INTO plan_recipient_choices (plan_id, line_index, line_text, entry_id, chosen_by, chosen_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (plan_id, line_index) DO UPDATE SET line_text = excluded.line_text, entry_id = excluded.entry_id,
                chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at
            """, planId, lineIndex, text, entry, actor.UserName, now);
        // Remove the alias from other entries so it names one entry only, then remember it on the chosen one.
        DirectoryStore.RemoveAliasElsewhere(work, entry, text);
        DirectoryStore.AddAlias(work, entry, text);
        work.Audit(now, actor.UserName, "plan.recipient-chosen", planId, null, null, new { lineIndex, line = line.Text, entryId = entry });
        await work.CommitAsync(ct);
    }
}
