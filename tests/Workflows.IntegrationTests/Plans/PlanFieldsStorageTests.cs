using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Reading;

namespace Workflows.IntegrationTests.Plans;

public sealed class PlanFieldsStorageTests : IAsyncLifetime
{
    private static readonly Actor Drafter = new("chuyenvien", "Nguyễn Thị Lan", "CHUYÊN VIÊN", "PGDĐT", new HashSet<string> { Roles.Drafter });
    public static TheoryData<string> SeedPlans => new() { "uongbi-2020-82-KH-PGDDT.txt", "uongbi-2023-95-KH-PGDDT.txt", "bache-2021-ke-hoach-hanh-dong.txt" };

    private readonly WorkflowsApp _app = new();
    private PlanFlow _flow = null!;

    public async Task InitializeAsync() => _flow = await PlanFlow.StartAsync(_app);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(SeedPlans))]
    public async Task A_seed_plan_uploaded_and_stored_comes_back_from_postgresql_with_identical_typed_fields(string fileName)
    {
        var read = new PlanReader().Read(File.ReadAllBytes(RepositoryPaths.Plan(fileName)), fileName);

        var planId = await _flow.UploadAsync(RepositoryPaths.Plan(fileName));

        var stored = await _app.Services.GetRequiredService<PlanStore>().GetAsync(planId, Drafter);
        Assert.Equivalent(read, stored.Fields, strict: true);
        Assert.NotEmpty(stored.Fields.Recipients);
        var api = (await _flow.PlanAsync(planId)).GetProperty("fields");
        Assert.Equal(read.Recipients.Count, api.GetProperty("recipients").GetArrayLength());
        Assert.Equal(read.ReportingDuties.Count, api.GetProperty("reportingDuties").GetArrayLength());
    }

    [Fact]
    public async Task Fields_corrected_through_the_api_are_stored_typed_and_returned_with_the_same_names()
    {
        var planId = await _flow.CreateAsync("Kế hoạch phòng chống đuối nước");

        var response = await _flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new
        {
            fields = new
            {
                place = "Uông Bí",
                recipients = new object[] { "Sở GD&ĐT Quảng Ninh (b/c);", new { name = "Lưu: VT", purpose = Array.Empty<string>(), kind = "archive" } },
                reportingDuties = new[] { new { reporter = "Các trường", frequency = "quarterly", dueDay = 10, months = new[] { 3, 6, 9, 12 }, text = "Báo cáo quý" } },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _app.Services.GetRequiredService<PlanStore>().GetAsync(planId, Drafter);
        Assert.Equal("Uông Bí", stored.Fields.Place);
        Assert.Equal(["Sở GD&ĐT Quảng Ninh (b/c);", "Lưu: VT"], stored.Fields.Recipients.Select(r => r.Name));
        Assert.Equal([3, 6, 9, 12], stored.Fields.ReportingDuties[0].Months!);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fields");
        Assert.Equal("archive", fields.GetProperty("recipients")[1].GetProperty("kind").GetString());
        Assert.Equal("quarterly", fields.GetProperty("reportingDuties")[0].GetProperty("frequency").GetString());
    }

    [Fact]
    public async Task Fields_of_the_wrong_shape_get_a_vietnamese_422_naming_the_field_and_change_nothing()
    {
        var planId = await _flow.CreateAsync("Kế hoạch an toàn trường học");

        var response = await _flow.Drafter.PutAsync($"/api/plans/{planId}", JsonContent.Create(JsonDocument.Parse(
            """{ "fields": { "place": "Uông Bí", "reportingDuties": [{ "frequency": "monthly", "dueDay": "mười lăm" }] } }""").RootElement));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("fields", problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("fields", out var messages), problem.ToString());
        Assert.Contains("fields.reportingDuties[0].dueDay", messages[0].GetString());
        Assert.Contains("không hợp lệ", problem.GetProperty("title").GetString());
        var plan = await _flow.PlanAsync(planId);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("fields").GetProperty("place").ValueKind);
    }
}
