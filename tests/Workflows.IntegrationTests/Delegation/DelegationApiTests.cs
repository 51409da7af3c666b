using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>
/// Recording, listing and cancelling absences with a delegate (ủy quyền) through <c>/api/delegations</c> on a real
/// PostgreSQL, with the clock fixed on a Vietnam date; every refusal names its field in Vietnamese.
/// </summary>
public sealed class DelegationApiTests : IAsyncLifetime
{
    // Monday 7 December 2026, 09:00 in Vietnam.
    private readonly WorkflowsApp _app = new(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Task<HttpResponseMessage> RecordAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/delegations", body);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string words)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(words, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_head_records_an_absence_both_people_see_it_and_cancelling_it_is_audited()
    {
        var head = await _app.SignInAsync("truongphong");
        var created = await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-08", endsOn = "2026-12-11", reference = "Giấy ủy quyền số 12/GUQ-PGDĐT" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var delegation = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Phạm Văn Hùng", delegation.GetProperty("delegateFullName").GetString());
        Assert.Empty(delegation.GetProperty("definitions").EnumerateArray());

        var deputy = await _app.SignInAsync("photruongphong");
        var received = (await deputy.GetFromJsonAsync<JsonElement>("/api/delegations")).EnumerateArray().Single();
        Assert.Equal("Trần Nam Hải", received.GetProperty("userFullName").GetString());
        Assert.Equal("2026-12-08", received.GetProperty("startsOn").GetString());
        Assert.Equal("2026-12-11", received.GetProperty("endsOn").GetString());
        Assert.Empty(await (await _app.SignInAsync("vanthu")).GetFromJsonAsync<JsonElement[]>("/api/delegations") ?? []);

        var id = delegation.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync($"/api/delegations/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await head.PostAsync($"/api/delegations/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsync($"/api/delegations/{id}/cancel", null)).StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await head.GetFromJsonAsync<JsonElement>("/api/delegations")).EnumerateArray().Single().GetProperty("cancelledAt").ValueKind);

        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var audit = new NpgsqlCommand(
            "SELECT action || ':' || actor || ':' || (data->>'delegationId') FROM audit_log WHERE action LIKE 'delegation.%' ORDER BY at, action DESC", connection);
        var actions = new List<string>();
        await using (var reader = await audit.ExecuteReaderAsync())
            while (await reader.ReadAsync()) actions.Add(reader.GetString(0));
        Assert.Equal([$"delegation.created:truongphong:{id}", $"delegation.cancelled:truongphong:{id}"], actions);
    }

    [Fact]
    public async Task Whether_a_colleague_is_locked_out_follows_the_offices_clock_so_one_whose_lockout_ended_yesterday_can_be_chosen_as_delegate()
    {
        // The office's clock on Monday 3 March 2031, 09:00 in Vietnam: years after the database's own clock.
        _app.Clock.AdjustTime(new DateTimeOffset(2031, 3, 3, 2, 0, 0, TimeSpan.Zero));
        var head = await _app.SignInAsync("truongphong");
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            await connection.OpenAsync();
            // The clerk's lockout ended yesterday by the office's clock (still ahead of the database's); the drafter's lasts to next week.
            await using var lockouts = new NpgsqlCommand(
                """
                UPDATE "AspNetUsers" SET "LockoutEnd" = CASE "UserName" WHEN 'vanthu' THEN '2031-03-02 00:00Z'::timestamptz ELSE '2031-03-10 00:00Z'::timestamptz END
                WHERE "UserName" IN ('vanthu', 'chuyenvien')
                """, connection);
            Assert.Equal(2, await lockouts.ExecuteNonQueryAsync());
        }

        var page = await head.GetStringAsync("/uy-quyen");
        Assert.Contains("<option value=\"vanthu\">Lê Thị Hoa — VĂN THƯ</option>", page);
        Assert.DoesNotContain("<option value=\"chuyenvien\">", page);
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "chuyenvien", startsOn = "2031-03-04", endsOn = "2031-03-06" }), "delegate", "đang bị khóa");
        var created = await RecordAsync(head, new { @delegate = "vanthu", startsOn = "2031-03-04", endsOn = "2031-03-06" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Lê Thị Hoa", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delegateFullName").GetString());
    }

    [Fact]
    public async Task Each_wrong_delegation_is_refused_naming_its_field_and_a_delegate_who_is_away_cannot_pass_it_on()
    {
        var head = await _app.SignInAsync("truongphong");
        await AssertRefusedAsync(await RecordAsync(head, new { startsOn = "2026-12-08", endsOn = "2026-12-09" }), "delegate", "Cần chọn người được ủy quyền");
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "truongphong", startsOn = "2026-12-08", endsOn = "2026-12-09" }), "delegate", "chính mình");
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "giamdoc.so", startsOn = "2026-12-08", endsOn = "2026-12-09" }), "delegate", "Không có người dùng 'giamdoc.so'");
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-04", endsOn = "2026-12-09" }), "startsOn", "07/12/2026");
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-09", endsOn = "2026-12-08" }), "endsOn", "trước ngày bắt đầu");
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-08", endsOn = "2028-01-08" }), "endsOn", "tối đa 366 ngày");
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-08", endsOn = "2026-12-09", definitions = new[] { "khong-co" } }), "definitions", "khong-co");

        var deputy = await _app.SignInAsync("photruongphong");
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(deputy, new { @delegate = "vanthu", startsOn = "2026-12-10", endsOn = "2026-12-14" })).StatusCode);
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-08", endsOn = "2026-12-11" }), "delegate", "không được ủy quyền lại");
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(head, new { @delegate = "photruongphong", startsOn = "2026-12-07", endsOn = "2026-12-09", definitions = new[] { "plan-approval" } })).StatusCode);
        await AssertRefusedAsync(await RecordAsync(head, new { @delegate = "vanthu", startsOn = "2026-12-09", endsOn = "2026-12-09" }), "startsOn", "trùng thời gian");

        var unreadable = await RecordAsync(head, new { @delegate = "vanthu", startsOn = "09/12/2026", endsOn = "2026-12-09" });
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("startsOn", (await unreadable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
