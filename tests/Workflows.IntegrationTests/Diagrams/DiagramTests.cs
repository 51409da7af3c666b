using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace Workflows.IntegrationTests.Diagrams;

/// <summary>
/// The workflow diagrams drawn by Graphviz from the definitions' JSON, through the API a page or a reader would call:
/// the definition's steps and outcome labels in Vietnamese, a plan's current step marked, unknown ids refused in Vietnamese.
/// </summary>
public sealed class DiagramTests : IAsyncLifetime
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly WorkflowsApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<XDocument> SvgAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static XElement Node(XDocument svg, string id) =>
        svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == id);

    [Fact]
    public async Task The_diagram_of_plan_approval_shows_its_steps_and_outcomes_in_Vietnamese_and_names_itself_for_screen_readers()
    {
        var client = await _app.SignInAsync("quantri");
        var svg = await SvgAsync(client, "/api/definitions/plan-approval/diagram.svg");

        var root = svg.Root!;
        Assert.Equal("img", (string?)root.Attribute("role"));
        var labelledBy = ((string?)root.Attribute("aria-labelledby"))!.Split(' ');
        Assert.StartsWith("Sơ đồ quy trình Trình ký và ban hành kế hoạch", root.Descendants(Svg + "title").Single(t => (string?)t.Attribute("id") == labelledBy[0]).Value);
        Assert.Contains("Ký ban hành", root.Descendants(Svg + "desc").Single(t => (string?)t.Attribute("id") == labelledBy[1]).Value);

        var text = string.Join("\n", svg.Descendants(Svg + "text").Select(t => t.Value));
        foreach (var step in new[] { "Soạn thảo, chỉnh sửa", "Kiểm tra", "Ký ban hành", "Cấp số, phát hành", "Phát hành", "Đã phát hành", "Không ban hành" })
            Assert.Contains(step, text);
        foreach (var outcome in new[] { "Trình", "Đồng ý, trình ký", "Trả lại", "Cấp số và phát hành" })
            Assert.Contains(outcome, text);
        var version = System.Text.RegularExpressions.Regex.Match(root.Element(Svg + "title")!.Value, @"phiên bản (\d+)").Groups[1].Value;
        Assert.Equal("Ký ban hành (Lãnh đạo ký)", Node(svg, $"qt-plan-approval-{version}-s-sign").Element(Svg + "title")!.Value);
        Assert.DoesNotContain(svg.Descendants(Svg + "g"), g => ((string?)g.Attribute("class"))?.Contains("current") == true);

        var stored = await SvgAsync(client, $"/api/definitions/plan-approval/diagram.svg?version={version}");
        Assert.Contains("Ký ban hành", string.Join("\n", stored.Descendants(Svg + "text").Select(t => t.Value)));
    }

    [Fact]
    public async Task The_diagram_of_the_department_flow_draws_its_parallel_consultation_between_a_fork_and_a_join()
    {
        var client = await _app.SignInAsync("quantri");
        var svg = await SvgAsync(client, "/api/definitions/plan-approval-so/diagram.svg");
        var text = string.Join("\n", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("Lấy ý kiến các phòng", text);
        Assert.Contains("(song song, tất cả đồng ý)", text);
        Assert.Contains("Ý kiến Phòng Tổ chức cán bộ", text);
        Assert.Contains("Ý kiến Phòng Kế hoạch – Tài chính", text);
        Assert.Contains("Các phòng thống nhất", text);
        var join = svg.Descendants(Svg + "g").Single(g => ((string?)g.Attribute("id"))?.EndsWith("-s-consult_join", StringComparison.Ordinal) == true);
        Assert.Equal("Lấy ý kiến các phòng: Tổng hợp ý kiến", join.Element(Svg + "title")!.Value);
        Assert.Contains("lấy ý kiến song song: Ý kiến Phòng Tổ chức cán bộ", svg.Root!.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public async Task A_plans_diagram_marks_the_steps_done_the_path_taken_and_the_step_where_it_waits()
    {
        var flow = await PlanFlow.StartAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch tổ chức Hội khỏe Phù Đổng cấp thành phố");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");

        var svg = await SvgAsync(flow.Signer, $"/api/plans/{planId}/diagram.svg");
        var sign = Node(svg, "kh-s-sign");
        Assert.Contains("current", ((string?)sign.Attribute("class"))!.Split(' '));
        Assert.Contains("đang xử lý", string.Join(" ", sign.Descendants(Svg + "text").Select(t => t.Value)));
        Assert.Equal("Ký ban hành — đang xử lý (Lãnh đạo ký)", sign.Element(Svg + "title")!.Value);
        foreach (var done in new[] { "kh-s-draft", "kh-s-review" })
            Assert.Contains("done", ((string?)Node(svg, done).Attribute("class"))!.Split(' '));
        Assert.Contains("taken", ((string?)Node(svg, "kh-e-review-approve").Attribute("class"))!.Split(' '));
        Assert.DoesNotContain("taken", ((string?)Node(svg, "kh-e-review-return").Attribute("class"))!.Split(' '));
        Assert.Equal(["node", "step"], ((string?)Node(svg, "kh-s-number").Attribute("class"))!.Split(' '));
        Assert.Contains("Đang xử lý: Ký ban hành.", svg.Root!.Element(Svg + "desc")!.Value);

        await PlanFlow.ActAsync(flow.Signer, planId, "return", comment: "Bổ sung kinh phí tổ chức.");
        var returned = await SvgAsync(flow.Drafter, $"/api/plans/{planId}/diagram.svg");
        Assert.Contains("current", ((string?)Node(returned, "kh-s-draft").Attribute("class"))!.Split(' '));
        Assert.Contains("taken", ((string?)Node(returned, "kh-e-sign-return").Attribute("class"))!.Split(' '));
    }

    [Fact]
    public async Task An_unknown_definition_version_or_plan_gets_404_in_Vietnamese_and_another_bodys_plan_403()
    {
        var client = await _app.SignInAsync("quantri");
        foreach (var (url, title) in new[]
        {
            ("/api/definitions/khong-co/diagram.svg", "Không có quy trình 'khong-co'."),
            ("/api/definitions/plan-approval/diagram.svg?version=99", "Không có phiên bản 99 của quy trình 'plan-approval'."),
            ($"/api/plans/{Guid.NewGuid()}/diagram.svg", "Kế hoạch không tồn tại."),
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(title, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }

        var flow = await PlanFlow.StartAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch kiểm tra nội bộ trường học");
        var other = await _app.SignInAsync("giamdoc.so");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/plans/{planId}/diagram.svg")).StatusCode);
    }
}
