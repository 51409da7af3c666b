using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Security;

/// <summary>Headers, proxies, cross-site calls, health, OpenAPI, error answers and slow bodies, on a real Host process.</summary>
public sealed class EdgeTests(EdgeHost edge) : IClassFixture<EdgeHost>
{
    [Fact]
    public async Task Pages_api_answers_and_static_files_carry_a_CSP_without_inline_script_nosniff_no_referrer_and_frame_ancestors_none()
    {
        using var client = edge.From("127.0.0.1");
        foreach (var path in new[] { "/dang-nhap", "/api/auth/me", "/css/site.css", "/khong-co-trang-nay" })
        {
            var response = await client.GetAsync(path);
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp is not null, $"{path}: no Content-Security-Policy");
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Null(Header(response, "Strict-Transport-Security")); // plain http from a client, not a proxy
        }
    }

    [Fact]
    public async Task The_pages_hold_no_inline_script_no_event_handler_attribute_and_no_inline_style()
    {
        using var client = edge.From("127.0.0.1");
        var signIn = await client.GetStringAsync("/dang-nhap");
        await SignInAsync(client, "chuyenvien");
        foreach (var html in new[] { signIn, await client.GetStringAsync("/hop-thu"), await client.GetStringAsync("/ke-hoach"), await client.GetStringAsync("/bao-cao") })
        {
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
            Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
            Assert.DoesNotMatch("\\sstyle\\s*=", html);
        }
    }

    [Fact]
    public async Task Behind_the_configured_TLS_proxy_the_sign_in_cookie_is_Secure_and_HSTS_is_sent()
    {
        using var client = edge.From(EdgeHost.Proxy);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "vanthu", password = "demo" }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Host = "vanban.uongbi.example.org"; // HSTS is never sent to localhost
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("workflows.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        using var client = edge.From("127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName = "vanthu", password = "demo" }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "vanban.uongbi.example.org";
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("workflows.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_api_refuses_an_unsafe_method_whose_Origin_or_Sec_Fetch_Site_is_another_site_and_takes_one_from_its_own_origin()
    {
        using var client = edge.From("127.0.0.1");
        await SignInAsync(client, "chuyenvien");
        var own = edge.Host.BaseAddress.GetLeftPart(UriPartial.Authority);

        foreach (var (name, value) in new[] { ("Origin", "https://evil.example.org"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site") })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/plans") { Content = JsonContent.Create(new { subject = "Kế hoạch giả mạo" }) };
            forged.Headers.Add(name, value);
            var refused = await client.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("trang web khác", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Origin", "https://evil.example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode); // still signed in

        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/plans");
        read.Headers.Add("Origin", "https://evil.example.org");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);
        using var mine = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        mine.Headers.Add("Origin", own);
        mine.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(mine)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_read_only_the_status_of_health_ready_while_an_admin_and_the_configured_network_read_its_checks()
    {
        using var anonymous = edge.From("127.0.0.1");
        var status = await anonymous.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal(["status"], status.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Healthy", status.GetProperty("status").GetString());

        using var monitoring = edge.From(EdgeHost.Monitoring);
        var details = await monitoring.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", details.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());

        using var admin = edge.From("127.0.0.1");
        await SignInAsync(admin, "quantri");
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("checks").TryGetProperty("schema", out _));
        using var clerk = edge.From("127.0.0.1");
        await SignInAsync(clerk, "vanthu");
        Assert.False((await clerk.GetFromJsonAsync<JsonElement>("/health/ready")).TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task The_OpenAPI_document_needs_a_signed_in_user()
    {
        using var anonymous = edge.From("127.0.0.1");
        var refused = await anonymous.GetAsync("/openapi/v1.json");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("/api/plans", await refused.Content.ReadAsStringAsync());

        using var user = edge.From("127.0.0.1");
        await SignInAsync(user, "chuyenvien");
        var document = await user.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("/api/plans", await document.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProblemDetails_for_unreadable_requests_never_name_internal_types_or_exceptions()
    {
        using var client = edge.From("127.0.0.1");
        await SignInAsync(client, "quantri");
        var answers = new List<HttpResponseMessage>
        {
            await client.PostAsync("/api/auth/login", new StringContent("""{"userName": 5, "password": "x"}""", Encoding.UTF8, "application/json")),
            await client.PostAsync("/api/auth/login", new StringContent("không phải JSON", Encoding.UTF8, "application/json")),
            await client.PostAsync("/api/admin/users", new StringContent($$"""{"roles": "{{Roles.Admin}}"}""", Encoding.UTF8, "application/json")),
            await client.PostAsync("/api/plans/not-a-guid/submit", null),
            await client.PutAsync($"/api/plans/{Guid.NewGuid()}", new StringContent("[1,2", Encoding.UTF8, "application/json")),
        };
        foreach (var answer in answers)
        {
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True((int)answer.StatusCode is >= 400 and < 500, $"{(int)answer.StatusCode}: {body}");
            foreach (var leak in new[] { "Workflows.", "System.", "Microsoft.", "Exception", "   at ", "LoginRequest", "UserInput" })
                Assert.DoesNotContain(leak, body);
        }
        var first = await answers[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("$.userName", first.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_request_body_that_stops_arriving_is_cut_by_Kestrels_minimum_data_rate()
    {
        using var socket = new TcpClient(new IPEndPoint(IPAddress.Parse("127.0.0.6"), 0));
        await socket.ConnectAsync(IPAddress.Loopback, edge.Host.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:{edge.Host.Port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{\"userName\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var clock = Stopwatch.StartNew();

        var buffer = new byte[4096];
        var answer = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (IOException) { } // the server may reset the connection instead of closing it
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"the connection stayed open {clock.Elapsed}");
        if (answer.Length > 0) Assert.StartsWith("HTTP/1.1 408", answer.ToString());
    }

    [Fact]
    public async Task One_address_may_try_to_sign_in_only_so_often_a_minute_while_others_still_sign_in()
    {
        using var noisy = edge.From("127.0.0.4");
        // A burst of 20, then one attempt every 6 seconds.
        HttpResponseMessage? last = null;
        var tried = 0;
        while (tried < 30 && last?.StatusCode != HttpStatusCode.TooManyRequests)
            last = await noisy.PostAsJsonAsync("/api/auth/login", new { userName = $"khong-ai-{tried++}", password = "doan-mat-khau-nay" });
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.InRange(tried, 21, 23);
        Assert.True(int.Parse(Header(last, "Retry-After")!) > 0);
        Assert.Contains("địa chỉ này", (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        using var page = edge.From("127.0.0.4");
        var form = await page.PostAsync("/dang-nhap", new FormUrlEncodedContent([new("UserName", "vanthu"), new("Password", "demo")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Contains("Quá nhiều lần đăng nhập từ địa chỉ này", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()));

        using var other = edge.From("127.0.0.1");
        await SignInAsync(other, "vanthu");
    }

    [Fact]
    public async Task One_account_name_may_be_tried_only_so_often_a_minute_even_from_many_addresses()
    {
        // Twelve a minute for one name in this Host; each attempt from an address of its own, so no address is slowed.
        HttpResponseMessage? last = null;
        var tried = 0;
        while (tried < 20 && last?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            using var client = edge.From($"127.0.1.{++tried}");
            last = await client.PostAsJsonAsync("/api/auth/login", new { userName = "Ke-Tan-Cong", password = "doan-mat-khau-nay" });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal(13, tried);
        Assert.True(int.Parse(Header(last, "Retry-After")!) is > 0 and <= 60);
        using var again = edge.From("127.0.1.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await again.PostAsJsonAsync("/api/auth/login", new { userName = "ke-tan-cong", password = "x" })).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_password_change_and_wrong_sign_ins_use_up_one_limit_of_the_account_name_a_minute()
    {
        // Twelve guesses a minute for one name in this Host, each from an address of its own (no growing delay anywhere):
        // one sign-in, five wrong current passwords, six wrong sign-ins. Either kind alone stays under the limit.
        using var admin = edge.From("127.0.4.1");
        await SignInAsync(admin, "quantri");
        const string Password = "bản tin thi đua cuối học kỳ";
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "dinhvantoan", fullName = "Đinh Văn Toàn", password = Password, roles = new[] { Roles.Drafter } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = new CookieContainer();
        using (var user = edge.From("127.0.4.2", session))
            Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("/api/auth/login", new { userName = "dinhvantoan", password = Password })).StatusCode);

        var change = new { currentPassword = "đoán mật khẩu hiện tại", newPassword = "sân trường sau cơn mưa", confirmPassword = "sân trường sau cơn mưa" };
        for (var i = 0; i < 5; i++)
        {
            using var user = edge.From($"127.0.4.{10 + i}", session);
            var wrong = await user.PostAsJsonAsync("/api/account/password", change);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            Assert.Equal("Mật khẩu hiện tại không đúng.", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        for (var i = 0; i < 6; i++)
        {
            using var guesser = edge.From($"127.0.4.{20 + i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/auth/login", new { userName = "DinhVanToan", password = $"doan-lan-{i}-xxxx" })).StatusCode);
        }

        using (var user = edge.From("127.0.4.30", session))
        {
            var right = await user.PostAsJsonAsync("/api/account/password", change with { currentPassword = Password });
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
            Assert.True(int.Parse(Header(right, "Retry-After")!) is > 0 and <= 60);
            Assert.StartsWith("Nhập sai mật khẩu nhiều lần; hãy chờ ", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        using var owner = edge.From("127.0.4.31");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await owner.PostAsJsonAsync("/api/auth/login", new { userName = "dinhvantoan", password = Password })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer_in_about_the_same_time()
    {
        using var client = edge.From("127.0.0.7");
        string[] known = ["chuyenvien", "photruongphong", "truongphong", "vanthu", "giamdoc.so", "chuyenvien.so", "congchuc.phuong", "chutich.phuong", "vanthu.phuong"];
        var wrong = new List<double>();
        var unknown = new List<double>();
        JsonElement? wrongAnswer = null, unknownAnswer = null;
        for (var i = 0; i < known.Length; i++)
        {
            var (status, body, ms) = await TimedSignInAsync(client, known[i], "sai-mat-khau-roi");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            wrong.Add(ms);
            wrongAnswer = body;
            (status, body, ms) = await TimedSignInAsync(client, $"nguoi-khong-co-{i}", "sai-mat-khau-roi");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            unknown.Add(ms);
            unknownAnswer = body;
        }
        Assert.Equal(Strip(wrongAnswer!.Value), Strip(unknownAnswer!.Value));
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", wrongAnswer.Value.GetProperty("title").GetString());
        var (w, u) = (Median(wrong), Median(unknown));
        // A password hash costs tens of milliseconds; without it an unknown name would answer in a few. The bounds are
        // wide because the machine may be busy; an unknown name answering in a tenth of the time would fail them.
        Assert.True(u > w / 3 && u < 3 * w, $"median wrong password {w:F1} ms, unknown account {u:F1} ms");
    }

    [Fact]
    public async Task Repeated_failures_from_one_address_bring_growing_delays_there_while_the_owner_signs_in_from_elsewhere_and_nobody_is_locked_out()
    {
        using var attacker = edge.From("127.0.0.8");
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = $"doan-lan-{i}-xxxx" })).StatusCode);
        var first = await attacker.PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "demo" });
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode); // not even checked: the right password waits too
        var firstWait = int.Parse(Header(first, "Retry-After")!);
        Assert.Contains($"hãy chờ {firstWait} giây", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        using var owner = edge.From("127.0.0.1");
        await SignInAsync(owner, "truongphong");

        await Task.Delay(TimeSpan.FromSeconds(firstWait) + TimeSpan.FromMilliseconds(300));
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "doan-lan-5-xxxx" })).StatusCode);
        var second = await attacker.PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "doan-lan-6-xxxx" });
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var secondWait = int.Parse(Header(second, "Retry-After")!);
        Assert.True(secondWait > firstWait, $"the delay grows: {firstWait} s, then {secondWait} s");

        await Task.Delay(TimeSpan.FromSeconds(secondWait) + TimeSpan.FromMilliseconds(300));
        Assert.Equal(HttpStatusCode.OK, (await attacker.PostAsJsonAsync("/api/auth/login", new { userName = "truongphong", password = "demo" })).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, double Milliseconds)> TimedSignInAsync(HttpClient client, string userName, string password)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>The answer without its per-request trace id.</summary>
    private static string Strip(JsonElement body) =>
        string.Join(",", body.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task SignInAsync(HttpClient client, string userName)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "demo" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
