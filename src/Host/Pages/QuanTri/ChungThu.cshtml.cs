using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans.Documents;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>
/// The admin's signing certificates (<c>/quan-tri/chung-thu</c>): every stored certificate, issuing one from the
/// installation's CA for a signer or the body, importing a PKCS#12 file: the same use cases as
/// <c>/api/admin/signing-keys</c> (<see cref="SigningKeyAdministration"/>).
/// </summary>
internal sealed class ChungThuModel(SigningKeyAdministration keys) : UiPage
{
    /// <summary>Every certificate, active first.</summary>
    public IReadOnlyList<KeyInfo> Keys { get; private set; } = [];

    /// <summary>The form that failed (<c>cap</c> or <c>nhap</c>), the field and the message shown next to it.</summary>
    public (string Form, string Field, string Message)? Error { get; private set; }

    /// <summary>What was just done, shown once.</summary>
    public string? Done { get; private set; }

    /// <summary>Lists the certificates.</summary>
    public async Task OnGetAsync(string? xong, CancellationToken ct)
    {
        Done = xong switch
        {
            "cap" => "Đã cấp chứng thư mới từ CA của hệ thống; chứng thư cũ của cùng chủ thể thôi dùng để ký.",
            "nhap" => "Đã nhập chứng thư; từ nay dùng chứng thư này để ký.",
            _ => null,
        };
        Keys = await keys.ListAsync(Actor, ct);
    }

    /// <summary>Issues a certificate from the installation's CA (as <c>POST /api/admin/signing-keys/issue</c>).</summary>
    public async Task<IActionResult> OnPostCapAsync(string? kind, string? owner, string? commonName, CancellationToken ct)
    {
        try
        {
            await keys.IssueAsync(Actor, kind, owner, commonName, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            return await FailedAsync("cap", e, ct);
        }
        return Redirect("/quan-tri/chung-thu?xong=cap");
    }

    /// <summary>Imports a PKCS#12 file with its password (as <c>POST /api/admin/signing-keys/import</c>).</summary>
    public async Task<IActionResult> OnPostNhapAsync(string? kind, string? owner, string? password, IFormFile? file, CancellationToken ct)
    {
        byte[]? content = null;
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        try
        {
            await keys.ImportAsync(Actor, kind, owner, content, password, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            return await FailedAsync("nhap", e, ct);
        }
        return Redirect("/quan-tri/chung-thu?xong=nhap");
    }

    private async Task<IActionResult> FailedAsync(string form, WorkflowException e, CancellationToken ct)
    {
        Keys = await keys.ListAsync(Actor, ct);
        Error = (form, e.Field ?? "", e.Message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
