using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Workflows.IntegrationTests.Submissions;

/// <summary>A school's browser on its submission page: no account, its own cookies (for the antiforgery pair).</summary>
internal sealed partial class SchoolClient(WorkflowsApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>A page as received: its status, its HTML (entities decoded), its text without tags, and where it was read.</summary>
    public sealed record Page(HttpStatusCode Status, string Html, Uri? Address, string Raw)
    {
        public string Text => Spaces().Replace(Tags().Replace(Html, " "), " ");
    }

    public async Task<Page> OpenAsync(string token) => await ReadAsync(await _client.GetAsync("/nop-bao-cao/" + token));

    /// <summary>Opens the page, then posts its form with <paramref name="files"/> and <paramref name="note"/> (following the redirect).</summary>
    public async Task<Page> SubmitAsync(string token, string? note, params (string Name, byte[] Content)[] files)
    {
        var form = await OpenAsync(token);
        var antiforgery = AntiforgeryField().Match(form.Html);
        return await PostAsync(token, antiforgery.Success ? antiforgery.Groups[1].Value : null, note, files);
    }

    /// <summary>Posts the form with the given antiforgery value (null: none).</summary>
    public async Task<Page> PostAsync(string token, string? antiforgery, string? note, params (string Name, byte[] Content)[] files)
    {
        using var content = new MultipartFormDataContent();
        if (antiforgery is not null) content.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        if (note is not null) content.Add(new StringContent(note), "note");
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileNameStar = name };
            content.Add(file);
        }
        return await ReadAsync(await _client.PostAsync("/nop-bao-cao/" + token, content));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    private static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        return new(response.StatusCode, WebUtility.HtmlDecode(raw), response.RequestMessage?.RequestUri, raw);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
