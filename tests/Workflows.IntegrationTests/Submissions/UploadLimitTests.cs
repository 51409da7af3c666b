using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.IntegrationTests.Submissions;

/// <summary>
/// The Host on real Kestrel (a loopback port) with an upload limit of 1 MB, spoken to over a raw socket, so the tests see
/// exactly how much of a body the server wanted before answering.
/// </summary>
public sealed class KestrelSubmissionFixture : IAsyncLifetime
{
    internal WorkflowsApp App { get; private set; } = null!;
    internal Uri Address { get; private set; } = null!;
    internal RequestRow School { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new WorkflowsApp(clock: new FakeTimeProvider(SubmissionFixture.Start.ToUniversalTime()), settings: new Dictionary<string, string?>
        {
            ["Workflows:Reporting:MaxUploadBytes"] = SubmissionFixture.Limit.ToString(),
            ["Workflows:Distribution:SenderEnabled"] = "false",
        });
        App.UseKestrel(0);
        App.StartServer();
        using (var client = App.CreateClient()) Address = client.BaseAddress!;
        var schedule = await ReportingRows.ScheduleAsync(App.ConnectionString, SubmissionFixture.Title, "PGDĐT", SubmissionFixture.Symbol);
        var period = await ReportingRows.PeriodAsync(App.ConnectionString, schedule, "2026-03", "Tháng 3/2026", new DateOnly(2026, 2, 15),
            new DateOnly(2026, 3, 14), new DateOnly(2026, 3, 15), SubmissionFixture.Deadline, SubmissionFixture.ClosesAt);
        School = await ReportingRows.RequestAsync(App.ConnectionString, schedule, period, "Trường THCS Lê Lợi", "lethcs@uongbi.example.org");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class UploadLimitTests(KestrelSubmissionFixture fixture) : IClassFixture<KestrelSubmissionFixture>
{
    private const string Boundary = "ranh-gioi";

    [Theory]
    [InlineData(2 * 1024 * 1024)]   // under Kestrel's own 30 MB default: only the page's limit can refuse it
    [InlineData(50 * 1024 * 1024)]
    public async Task An_upload_announcing_more_than_the_limit_is_refused_with_413_without_sending_its_body(int length)
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        await stream.WriteAsync(Headers($"Content-Length: {length}"));
        await stream.WriteAsync(PartHead()); // the first bytes of the body; the remaining 50 MB are never sent

        var (status, body) = await ReadResponseAsync(stream);
        Assert.Equal(413, status);
        Assert.Contains("Tệp quá lớn", body);
        Assert.Contains("1 MB", body);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(fixture.App.ConnectionString, fixture.School.RequestId));
    }

    [Fact]
    public async Task A_chunked_upload_without_a_length_is_cut_off_near_the_limit_with_413()
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        await stream.WriteAsync(Headers("Transfer-Encoding: chunked"));
        var response = ReadResponseAsync(stream);
        long sent = 0;
        var head = PartHead();
        await stream.WriteAsync(Chunk(head));
        var zeros = new byte[64 * 1024];
        try
        {
            while (!response.IsCompleted && sent < 50L * 1024 * 1024)
            {
                await stream.WriteAsync(Chunk(zeros)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                sent += zeros.Length;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException) { }

        var (status, body) = await response;
        Assert.Equal(413, status);
        Assert.Contains("Tệp quá lớn", body);
        // Whatever loopback socket buffers absorbed, the server stopped taking the body long before its 50 MB.
        Assert.True(sent < 16L * 1024 * 1024, $"{sent:N0} bytes were sent before the answer");
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(fixture.App.ConnectionString, fixture.School.RequestId));
    }

    [Fact]
    public async Task A_link_that_is_not_valid_answers_before_any_body_is_sent()
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        await stream.WriteAsync(Headers($"Content-Length: {50 * 1024 * 1024}", "/nop-bao-cao/" + new string('A', 43)));
        var (status, body) = await ReadResponseAsync(stream);
        Assert.Equal(404, status);
        Assert.Contains("Không tìm thấy yêu cầu báo cáo", body);
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(fixture.Address.Host, fixture.Address.Port);
        client.ReceiveTimeout = 10_000;
        return client;
    }

    private byte[] Headers(string lengthHeader, string? path = null) => Encoding.ASCII.GetBytes(
        $"POST {path ?? "/nop-bao-cao/" + fixture.School.Token} HTTP/1.1\r\nHost: {fixture.Address.Authority}\r\n" +
        $"Content-Type: multipart/form-data; boundary={Boundary}\r\n{lengthHeader}\r\n\r\n");

    private static byte[] PartHead() => Encoding.ASCII.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"lon.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n");

    private static byte[] Chunk(byte[] data) =>
        [.. Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"), .. data, .. "\r\n"u8];

    /// <summary>Reads one HTTP/1.1 response (status and body, by Content-Length or chunked) within 10 seconds.</summary>
    private static async Task<(int Status, string Body)> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(chunk, timeout.Token);
            if (n == 0) throw new IOException("The server closed the connection before answering.");
            buffer.Write(chunk, 0, n);
        }
        var head = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headerEnd);
        var status = int.Parse(head.Split(' ')[1]);
        var rest = new MemoryStream();
        rest.Write(buffer.GetBuffer(), headerEnd + 4, (int)buffer.Length - headerEnd - 4);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => (int?)int.Parse(p[1].Trim())).FirstOrDefault();
        var chunked = head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        while (length is { } l ? rest.Length < l : chunked ? !EndsWith(rest, "0\r\n\r\n"u8) : true)
        {
            var n = await stream.ReadAsync(chunk, timeout.Token);
            if (n == 0) break;
            rest.Write(chunk, 0, n);
        }
        var body = rest.ToArray();
        if (chunked) body = Unchunk(body);
        return (status, WebUtility.HtmlDecode(Encoding.UTF8.GetString(body)));
    }

    private static bool EndsWith(MemoryStream stream, ReadOnlySpan<byte> tail) =>
        stream.Length >= tail.Length && stream.GetBuffer().AsSpan((int)stream.Length - tail.Length, tail.Length).SequenceEqual(tail);

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);

    private static byte[] Unchunk(byte[] data)
    {
        var result = new MemoryStream();
        var i = 0;
        while (i < data.Length)
        {
            var lineEnd = data.AsSpan(i).IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(data, i, lineEnd).Split(';')[0], 16);
            if (size == 0) break;
            result.Write(data, i + lineEnd + 2, size);
            i += lineEnd + 2 + size + 2;
        }
        return result.ToArray();
    }
}
