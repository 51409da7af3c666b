using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Reporting;
using Workflows.Reporting.Submissions;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// One school's request for one period: its link's state, every submitted version with its files (downloaded through
/// <c>/api/reporting/files/{id}</c>), and the officer's actions on the link: revoke (confirmed) or reissue (a new link by
/// email). Same rules as the API: only officers of the schedule's body (else 403).
/// </summary>
internal sealed class YeuCauModel(SubmissionStore store, IOptions<ReportingOptions> options, TimeProvider clock) : UiPage
{
    public RequestView Report { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The error shown next to the revoke confirmation, or next to the reissue button.</summary>
    public (string Form, string Message)? Error { get; private set; }

    [BindProperty] public bool Confirm { get; set; }

    /// <summary>True when the period still takes submissions (a link can be reissued).</summary>
    public bool PeriodOpen => Now < Report.ClosesAt && Report.PeriodState != "closed";

    public async Task OnGetAsync(Guid id, string? xong, CancellationToken ct)
    {
        Done = xong switch
        {
            "thu-hoi" => "Đã thu hồi đường dẫn nộp báo cáo của trường.",
            "cap-lai" => "Đã cấp đường dẫn mới và xếp thư gửi trường; đường dẫn cũ không còn dùng được.",
            _ => null,
        };
        await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostThuHoiAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!Confirm)
        {
            Error = ("thu-hoi", "Đánh dấu ô xác nhận để thu hồi đường dẫn.");
            return Page();
        }
        await store.RevokeAsync(id, Actor, ct);
        return Redirect($"/bao-cao/yeu-cau/{id}?xong=thu-hoi");
    }

    public async Task<IActionResult> OnPostCapLaiAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await store.ReissueAsync(id, Actor, options.Value.PublicBaseUrl, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.Invalid)
        {
            await LoadAsync(id, ct);
            Error = ("cap-lai", e.Message);
            return Page();
        }
        return Redirect($"/bao-cao/yeu-cau/{id}?xong=cap-lai");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Report = await store.GetRequestAsync(id, Actor, ct);
    }

    /// <summary>The request's state in words: submitted on time or late, overdue, or not yet submitted.</summary>
    public string SubmissionState => Report.FirstSubmittedAt is not null
        ? (Report.SubmittedLate == true ? "Nộp muộn" : "Đúng hạn")
        : Now >= Report.Deadline ? "Quá hạn" : "Chưa nộp";

    /// <summary>The link's state in words.</summary>
    public string LinkState => Report.TokenRevokedAt is { } revoked ? $"Đã thu hồi lúc {UiText.DateTime(revoked)}"
        : !PeriodOpen ? "Hết hiệu lực (kỳ đã đóng)"
        : "Đang dùng được";
}
