using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Workflows.Audit;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Plans;
using Workflows.Storage;

namespace Workflows.Distribution;

/// <summary>
/// One recipient a released plan was sent to, as frozen at release (or added by a "gửi bổ sung"): what the directory
/// said then, never what it says now.
/// </summary>
/// <param name="Id">Row id.</param>
/// <param name="LineIndex">The Nơi nhận line it came from (0-based); null for a supplementary send or a plan released before freezing.</param>
/// <param name="LineText">The line as written (for a supplementary send, "Gửi bổ sung").</param>
/// <param name="State"><c>resolved</c>, <c>archive</c> (filed, never emailed: no recipient) or <c>supplementary</c>.</param>
/// <param name="EntryId">The directory entry, as it was; null for an archive line.</param>
/// <param name="Name">The recipient's name then; null for an archive line.</param>
/// <param name="Address">The address it was sent to; null for an archive line.</param>
/// <param name="Purpose">The purpose phrase of the message ("để báo cáo"…).</param>
/// <param name="Supplementary">True for a clerk's later "gửi bổ sung".</param>
/// <param name="AddedBy">Who released or sent it (user name).</param>
/// <param name="AddedAt">When (UTC).</param>
public sealed record SentRecipient(Guid Id, int? LineIndex, string LineText, string State, Guid? EntryId, string? Name, string? Address,
    string Purpose, bool Supplementary, string AddedBy, DateTimeOffset AddedAt);

/// <summary>
/// The recipient list of a released plan, frozen at release in <c>plan_release_recipients</c> (its only writer), and the
/// clerk's explicit, audited "gửi bổ sung" to an entry that was not on it (a school added to the directory later, say).
/// The plan page and <c>GET /api/plans/{id}/release-recipients</c> show the frozen rows; today's directory only
/// suggests late additions (<see cref="LateAdditionsAsync"/>), it never changes what the plan says it was sent to.
/// </summary>
public sealed class ReleaseRecipients(NpgsqlDataSource dataSource, IOptions<OrganisationOptions> organisation, Receipts.ReleaseReceipts receipts)
{
    /// <summary>"Gửi bổ sung": the line text of a supplementary send.</summary>
    public const string SupplementaryLine = "Gửi bổ sung";

    /// <summary>
    /// Queues on the release's unit of work one row per resolved line and addressed recipient (a resolved line without
    /// any address, and an archive line, get one row without recipient), as <paramref name="lines"/> resolved them.
    /// </summary>
    internal static void Freeze(UnitOfWork work, Guid planId, IReadOnlyList<LineResolution> lines, string actor, DateTimeOffset now)
    {
        var rows = lines.Where(l => l.State is LineResolution.Resolved or LineResolution.Archive)
            .SelectMany(l => l.Recipients.Count == 0
                ? [(Line: l, Entry: (DirectoryEntry?)null)]
                : l.Recipients.Select(r => (Line: l, Entry: (DirectoryEntry?)r)))
            .ToList();
        if (rows.Count == 0) return;
        Insert(work, planId, rows.Select(r => new SentRecipient(Guid.NewGuid(), r.Line.Index, RecipientText.Clean(r.Line.Text), r.Line.State,
            r.Entry?.Id, r.Entry?.Name, r.Entry?.Email?.Trim(), r.Line.Purpose, false, actor, now)).ToList());
    }

    /// <summary>The frozen recipients of plan <paramref name="planId"/> of the actor's body: by line, then the supplementary sends in order.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public async Task<IReadOnlyList<SentRecipient>> ListAsync(Guid planId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await PlanAccess.RequireAsync(connection, planId, actor, ct);
        return await ListAsync(connection, planId, ct);
    }

    /// <summary>
    /// Entries today's directory resolves the plan's Nơi nhận lines to that are not on its frozen list (neither the entry
    /// nor its address; an entry whose address changed since release is not offered):
    /// candidates for a "gửi bổ sung", never shown as recipients.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan (403).</exception>
    public async Task<IReadOnlyList<DirectoryEntry>> LateAdditionsAsync(Guid planId, Actor actor, CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var plan = await PlanAccess.RequireAsync(work, planId, actor, ct);
        if (plan.Status != PlanStatus.Released) return [];
        var sent = await work.QueryAsync<(Guid? EntryId, string Address)>(
            "SELECT entry_id, lower(address) FROM plan_release_recipients WHERE plan_id = @planId AND address IS NOT NULL", new { planId }, ct);
        var entries = sent.Where(s => s.EntryId is not null).Select(s => s.EntryId!.Value).ToHashSet();
        var addresses = sent.Select(s => s.Address).ToHashSet();
        var lines = await PlanRecipients.ResolveAsync(work, planId, plan.Fields, ct);
        return lines.Where(l => l.State == LineResolution.Resolved).SelectMany(l => l.Recipients)
            .Where(r => !entries.Contains(r.Id) && !addresses.Contains(r.Email!.Trim().ToLowerInvariant()))
            .DistinctBy(r => r.Id).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// True when <paramref name="actor"/> may send a released plan to an entry its frozen list lacks ("gửi bổ sung", a
    /// Clerk), the rule of <see cref="SendSupplementaryAsync"/>; the plan page offers the late additions and the form by it.
    /// </summary>
    public static bool MaySendSupplementary(Actor actor) => actor.IsIn(Roles.Clerk);

    /// <summary>
    /// The clerk sends the released plan to <paramref name="entryId"/> (a group: to its members with an address) that
    /// was not on its frozen list: one release message per new address (the same letter and attachment as at release),
    /// the new rows on the frozen list marked supplementary, and an audit record, in one transaction.
    /// </summary>
    /// <returns>The rows added.</returns>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan or not a Clerk (403); the plan not released (409);
    /// no entry, an unknown one, one without an address, or one whose every address already received the plan (422, field <c>entryId</c>).</exception>
    public async Task<IReadOnlyList<SentRecipient>> SendSupplementaryAsync(Guid planId, Guid? entryId, Actor actor, DateTimeOffset now,
        CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var plan = await PlanAccess.RequireAsync(work, planId, actor, ct, forUpdate: true);
        if (!MaySendSupplementary(actor)) throw WorkflowException.Forbidden("Chỉ văn thư mới gửi bổ sung được.");
        if (plan.Status != PlanStatus.Released) throw WorkflowException.Conflict("Kế hoạch chưa phát hành: người nhận được chọn ở Nơi nhận trước khi phát hành.");
        if (entryId is not { } id) throw WorkflowException.Invalid("entryId", "Cần chọn một mục danh bạ để gửi bổ sung.");
        var entries = await DirectoryStore.AllAsync(work, ct);
        var entry = entries.FirstOrDefault(e => e.Id == id) ?? throw WorkflowException.Invalid("entryId", "Mục danh bạ không tồn tại.");
        var addressed = new RecipientResolver(entries).Expand(entry);
        if (addressed.Count == 0) throw WorkflowException.Invalid("entryId", $"\"{entry.Name}\" không có địa chỉ thư điện tử nào.");
        var sent = (await work.QueryAsync<string>(
            "SELECT lower(address) FROM plan_release_recipients WHERE plan_id = @planId AND address IS NOT NULL", new { planId }, ct)).ToHashSet();
        var fresh = addressed.Where(r => sent.Add(r.Email!.Trim().ToLowerInvariant())).ToList();
        if (fresh.Count == 0) throw WorkflowException.Invalid("entryId", $"\"{entry.Name}\" đã nhận kế hoạch này.");

        const string purpose = "để biết";
        var rows = fresh.Select(r => new SentRecipient(Guid.NewGuid(), null, SupplementaryLine, "supplementary", r.Id, r.Name, r.Email!.Trim(),
            purpose, true, actor.UserName, now)).ToList();
        var sender = DistributionReleaseParticipant.BodyName(organisation.Value, plan.BodyCode);
        var (signerTitle, signerName) = DistributionReleaseParticipant.Signer(plan.Signing);
        var links = rows.Select(_ => receipts.NewLink()).ToList();
        OutboxWriter.EnqueueRelease(work, planId, $"[{plan.Symbol}] {plan.Subject}", rows
            .Select((r, i) => (r.Address!, r.Name!, r.EntryId!.Value, SupplementaryLine, purpose,
                DistributionReleaseParticipant.Body(r.Name!, sender, plan, purpose, signerTitle, signerName, now, links[i].Link)))
            .ToList());
        receipts.Record(work, planId, rows.Select((r, i) => (r.Address!, r.Name!, r.EntryId, links[i].Hash)).ToList(), now);
        Insert(work, planId, rows);
        work.Audit(now, actor.UserName, "plan.distribution-supplementary", planId, null, null, new
        {
            entryId = entry.Id,
            entry = entry.Name,
            recipients = rows.Select(r => new { r.EntryId, r.Name, r.Address }),
        });
        await work.CommitAsync(ct);
        return rows;
    }

    private static async Task<IReadOnlyList<SentRecipient>> ListAsync(NpgsqlConnection connection, Guid planId, CancellationToken ct) =>
        (await connection.QueryAsync<SentRecipient>(new CommandDefinition(
            """
            SELECT id AS "Id", line_index AS "LineIndex", line_text AS "LineText", line_state AS "State", entry_id AS "EntryId", name AS "Name",
                   address AS "Address", purpose AS "Purpose", supplementary AS "Supplementary", added_by AS "AddedBy", added_at AS "AddedAt"
            FROM plan_release_recipients WHERE plan_id = @planId
            ORDER BY supplementary, line_index NULLS LAST, added_at, name
            """, new { planId }, cancellationToken: ct))).AsList();

    private static void Insert(UnitOfWork work, Guid planId, IReadOnlyList<SentRecipient> rows)
    {
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO plan_release_recipients (id, plan_id, line_index, line_text, line_state, entry_id, name, address, purpose, supplementary, added_by, added_at)
            SELECT id, $1, li, lt, ls, e, n, a, p, s, $2, $3
            FROM unnest($4::uuid[], $5::int[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::boolean[])
                 AS t(id, li, lt, ls, e, n, a, p, s)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        command.Parameters.Add(new NpgsqlParameter { Value = rows[0].AddedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = rows[0].AddedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (object?)r.LineIndex ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.LineText).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.State).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (object?)r.EntryId ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (object?)r.Name ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (object?)r.Address ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Purpose).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Supplementary).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        work.Queue(command);
    }
}
