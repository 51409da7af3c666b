using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Workflows.IntegrationTests.Operations;

namespace Workflows.IntegrationTests.Security;

/// <summary>
/// PostgreSQL down (its cluster stopped) while users sign in and open pages: every answer is the Vietnamese 503 with
/// <c>Retry-After</c>, never a 500; when PostgreSQL is back, signing in works again.
/// </summary>
public sealed partial class DatabaseOutageTests(OwnPostgres postgres) : IClassFixture<OwnPostgres>
{
    private const string Sentence = "Cơ sở dữ liệu tạm thời không truy cập được";

    [Fact]
    public async Task Signing_in_and_opening_pages_while_PostgreSQL_is_down_answer_the_Vietnamese_503_never_500()
    {
        await using var app = new WorkflowsApp(postgres.CreateDatabase());
        var signedIn = await app.SignInAsync("vanthu");
        var pageClient = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TokenField().Match(await pageClient.GetStringAsync("/dang-nhap")).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form carries an antiforgery token");

        postgres.Cluster.Stop(immediate: true);
        try
        {
            var form = await pageClient.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "truongphong", ["Password"] = "demo", ["__RequestVerificationToken"] = token,
            }));
            await AssertOutageAsync(form, "the sign-in form");

            var api = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "demo" });
            await AssertOutageAsync(api, "POST /api/auth/login");

            foreach (var path in new[] { "/hop-thu", "/ke-hoach", "/api/plans" })
                await AssertOutageAsync(await signedIn.GetAsync(path), "GET " + path);
        }
        finally
        {
            postgres.Cluster.Start();
            NpgsqlConnection.ClearAllPools();
        }

        var until = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage again;
        while (!(again = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "demo" })).IsSuccessStatusCode)
        {
            Assert.True(DateTime.UtcNow < until, $"signing in did not work again after PostgreSQL came back: {(int)again.StatusCode}");
            await Task.Delay(200);
        }
    }

    private static async Task AssertOutageAsync(HttpResponseMessage response, string what)
    {
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
        Assert.Contains(Sentence, body);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
