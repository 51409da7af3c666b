using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.IntegrationTests.Plans;

/// <summary>The footnote marks the reader found come back through the API beside the body, and stay beside it through edits.</summary>
public sealed class FootnoteMarkApiTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();
    private PlanFlow _flow = null!;

    public async Task InitializeAsync() => _flow = await PlanFlow.StartAsync(_app);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The words before each mark, in mark order.</summary>
    private static List<(string Marker, string Before)> Places(JsonElement fields, int context = 9)
    {
        var body = fields.GetProperty("body").GetString()!;
        return fields.GetProperty("footnoteMarks").EnumerateArray()
            .Select(m => (m.GetProperty("marker").GetString()!, body[Math.Max(0, m.GetProperty("offset").GetInt32() - context)..m.GetProperty("offset").GetInt32()]))
            .ToList();
    }

    [Fact]
    public async Task The_marks_of_an_uploaded_plan_come_back_at_their_places_move_with_an_edited_body_and_a_mark_outside_a_word_is_a_vietnamese_422()
    {
        var planId = await _flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));

        var fields = (await _flow.PlanAsync(planId)).GetProperty("fields");
        Assert.DoesNotContain("¹", fields.GetProperty("body").GetString());
        var places = Places(fields);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], places.Select(p => p.Marker));
        Assert.Equal(" năm 2023", places[0].Before);
        Assert.EndsWith("GDĐT", places[6].Before);

        // A client that knows nothing of marks puts a sentence before the body: the marks move with their words.
        var edited = JsonNode.Parse(fields.GetRawText())!.AsObject();
        edited["body"] = "Căn cứ Luật Giáo dục năm 2019.\n" + fields.GetProperty("body").GetString();
        edited.Remove("footnoteMarks");
        var response = await _flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields = edited });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await _flow.PlanAsync(planId)).GetProperty("fields");
        Assert.Equal(places, Places(after));
        Assert.Equal(fields.GetProperty("footnoteMarks")[0].GetProperty("offset").GetInt32() + "Căn cứ Luật Giáo dục năm 2019.\n".Length,
            after.GetProperty("footnoteMarks")[0].GetProperty("offset").GetInt32());

        // A mark sent before a space is refused, naming it, and nothing changes.
        var wrong = JsonNode.Parse(after.GetRawText())!.AsObject();
        wrong["footnoteMarks"]![0]!["offset"] = after.GetProperty("body").GetString()!.IndexOf(' ', StringComparison.Ordinal) + 1;
        response = await _flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields = wrong });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("fields.footnoteMarks[0].offset", problem.GetProperty("field").GetString());
        Assert.StartsWith("Dấu chú thích 1 phải đứng ngay sau một chữ của nội dung", problem.GetProperty("errors").GetProperty("fields.footnoteMarks[0].offset")[0].GetString());
        Assert.Equal(places, Places((await _flow.PlanAsync(planId)).GetProperty("fields")));
    }
}
