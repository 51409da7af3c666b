using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Workflows.Host.Reporting;
using Workflows.Reporting.Submissions;

namespace Workflows.Host.Pages.School;

/// <summary>
/// The school's submission page <c>/nop-bao-cao/{token}</c>: shows the request the token opens and takes one or more
/// files and a note, without an account. The upload is bounded before anything is buffered: the link is checked first,
/// then <c>Content-Length</c> against <see cref="SubmissionOptions.MaxRequestBodyBytes"/>, then the body is read
/// through a capped stream; antiforgery is validated on the bounded form (the automatic filter would read the body
/// first, so it is replaced by an explicit check).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SubmitModel(SubmissionStore store, IOptions<SubmissionOptions> options, IAntiforgery antiforgery, TimeProvider clock,
    ILogger<SubmitModel> logger, IOptions<Workflows.Organisation.OrganisationOptions> organisation) : PageModel
{
    private string? _officeCode;

    /// <summary>
    /// The office asking for the report, with its address, phone and e-mail as configured (<c>Workflows:IssuingBodies</c>);
    /// null before the link is known. Also for a withdrawn link (<see cref="Withdrawn"/>): whom to ask is all such a page tells.
    /// </summary>
    public Workflows.Organisation.IssuingBody? Office =>
        _officeCode is null ? null : organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == _officeCode);

    /// <summary>Longest note, in characters.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>What the link opens.</summary>
    public TokenState LinkState { get; private set; }

    /// <summary>
    /// The request, when the link is known and not <see cref="Withdrawn"/>: a withdrawn link may sit in an old mailbox or a
    /// forwarded message, so its holder learns nothing of the request (title, plan, school, period, files), only
    /// <see cref="Office"/>.
    /// </summary>
    public RequestView? Report { get; private set; }

    /// <summary>
    /// True when the office took the link back: it revoked or replaced it (<see cref="TokenState.Revoked"/>), or recalled
    /// (thu hồi) the plan the request comes from (<see cref="TokenState.Recalled"/>). The page then says only that, and whom
    /// to ask; no form, and an upload is refused (410) before anything is read or written.
    /// </summary>
    public bool Withdrawn => LinkState is TokenState.Revoked or TokenState.Recalled;

    /// <summary>What went wrong with the last upload.</summary>
    public SubmissionProblem Problem { get; private set; }

    /// <summary>The message shown next to the file field.</summary>
    public string? FilesError { get; private set; }

    /// <summary>The message shown next to the note field.</summary>
    public string? NoteError { get; private set; }

    /// <summary>The note as typed, kept when the form is shown again.</summary>
    public string? Note { get; private set; }

    /// <summary>The version just received (after the redirect), or null.</summary>
    public int? ReceivedVersion { get; private set; }

    /// <summary>True when the deadline has passed (submissions are still taken, marked late).</summary>
    public bool PastDeadline => Report is not null && clock.GetUtcNow() > Report.Deadline;

    /// <summary>The upload limit, in bytes.</summary>
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>Shows the request (or why the link does not open it).</summary>
    public async Task<IActionResult> OnGetAsync(string? token, [FromQuery(Name = "da-nhan")] int? received, CancellationToken cancellationToken)
    {
        if (!await LookUpAsync(token, cancellationToken)) return ClosedLink();
        ReceivedVersion = received is { } v && Report!.Submissions.Any(s => s.Version == v) ? v : null;
        return Page();
    }

    /// <summary>
    /// Takes an upload. No parameters on purpose: a bound parameter would make MVC read the whole form before the limits
    /// below are in place.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var token = RouteData.Values["token"] as string;
        if (!await LookUpAsync(token, ct)) return ClosedLink();

        var limit = options.Value.MaxRequestBodyBytes;
        if (Request.ContentLength > limit) return Refused(SubmissionProblem.TooLarge);
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = limit;
        Request.Body = new LimitedReadStream(Request.Body, limit);
        if (!Request.HasFormContentType) return Refused(SubmissionProblem.BadForm);
        HttpContext.Features.Set<IFormFeature>(new FormFeature(Request, new Microsoft.AspNetCore.Http.Features.FormOptions
        {
            MultipartBodyLengthLimit = limit,
            ValueCountLimit = 64,
            ValueLengthLimit = 64 * 1024,
        }));

        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(SubmissionProblem.TooLarge);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(SubmissionProblem.TooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            logger.LogInformation(e, "Unreadable submission form");
            return Refused(SubmissionProblem.BadForm);
        }
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Refused(SubmissionProblem.FormExpired);
        }

        Note = form["note"].ToString();
        var files = form.Files.GetFiles("files").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Sum(f => f.Length) > options.Value.MaxUploadBytes) return Refused(SubmissionProblem.TooLarge);
        if (files.Count == 0) FilesError = "Cần chọn ít nhất một tệp báo cáo.";
        var incoming = new List<IncomingFile>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            var type = SubmissionFileTypes.Check(file.FileName, content);
            if (type.Accepted) incoming.Add(new IncomingFile(file.FileName, content));
            else errors.Add(type.Error!);
        }
        if (errors.Count > 0) FilesError = string.Join(" ", errors);
        if (Note.Length > MaxNoteLength) NoteError = $"Ghi chú dài quá {MaxNoteLength} ký tự (hiện có {Note.Length}).";
        if (FilesError is not null || NoteError is not null) return Refused(SubmissionProblem.Invalid);

        try
        {
            var receipt = await store.SubmitAsync(token!, incoming, Note, HttpContext.Connection.RemoteIpAddress?.ToString(),
                Request.Headers.UserAgent.ToString(), ct);
            return Redirect(QueryHelpers.AddQueryString(Request.Path, "da-nhan", receipt.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (SubmissionClosedException e)
        {
            Close(e.State);
            return ClosedLink();
        }
    }

    private async Task<bool> LookUpAsync(string? token, CancellationToken ct)
    {
        var lookup = await store.LookUpAsync(token, ct);
        _officeCode = lookup.Request?.BodyCode;
        Report = lookup.Request;
        Close(lookup.State);
        return lookup.State == TokenState.Open;
    }

    /// <summary>Sets the link's state; a withdrawn link forgets the request it opened.</summary>
    private void Close(TokenState state)
    {
        LinkState = state;
        if (Withdrawn) Report = null;
    }

    private PageResult ClosedLink()
    {
        Response.StatusCode = Withdrawn || LinkState == TokenState.Expired ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private PageResult Refused(SubmissionProblem problem)
    {
        Problem = problem;
        Response.StatusCode = problem switch
        {
            SubmissionProblem.TooLarge => StatusCodes.Status413PayloadTooLarge,
            SubmissionProblem.Invalid => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        // HTTP/1.1: close rather than drain an unread oversized body (HTTP/2 has no Connection header; Kestrel resets the stream).
        if (problem == SubmissionProblem.TooLarge && HttpMethods.IsPost(Request.Method) && Request.Protocol == "HTTP/1.1") Response.Headers.Connection = "close";
        return Page();
    }
}
