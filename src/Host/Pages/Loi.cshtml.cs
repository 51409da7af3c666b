using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Host.Ui;

namespace Workflows.Host.Pages;

/// <summary>The error page re-executed for any 4xx/5xx outside <c>/api</c>: a sentence in Vietnamese, the original status kept.</summary>
[IgnoreAntiforgeryToken]
internal sealed class LoiModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Show(code);

    public void OnPost(int code) => Show(code);

    private void Show(int code)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Code = original is null ? code : Response.StatusCode;
        if (original is null) Response.StatusCode = code is >= 400 and <= 599 ? code : 404;
        (Title, var text) = Code switch
        {
            400 => ("Yêu cầu không hợp lệ", "Biểu mẫu đã hết hạn hoặc thiếu mã chống giả mạo; hãy tải lại trang rồi gửi lại."),
            401 => ("Chưa đăng nhập", "Hãy đăng nhập để tiếp tục."),
            403 => ("Không có quyền truy cập", "Bạn không có quyền mở trang này hoặc xử lý việc này: nó thuộc vai trò hoặc cơ quan khác."),
            404 => ("Không tìm thấy", "Trang hoặc hồ sơ này không tồn tại."),
            405 => ("Thao tác không hợp lệ", "Trang này không nhận thao tác đó."),
            409 => ("Trạng thái đã thay đổi", "Hồ sơ vừa được người khác xử lý; hãy tải lại trang."),
            413 => ("Tệp quá lớn", "Tệp vượt giới hạn cho phép."),
            422 => ("Dữ liệu không hợp lệ", "Dữ liệu gửi lên không hợp lệ."),
            429 => ("Quá nhiều lần thử", "Bạn đã thử quá nhiều lần; hãy chờ một lát rồi thử lại."),
            503 => ("Tạm thời gián đoạn", "Hệ thống tạm thời không phục vụ được; vui lòng thử lại sau ít phút."),
            _ when Code >= 500 => ("Lỗi hệ thống", "Đã có lỗi; vui lòng thử lại sau. Thông tin kỹ thuật đã được ghi lại."),
            _ => ("Có lỗi", "Yêu cầu không thực hiện được."),
        };
        Message = HttpContext.Items[UiErrorFilter.MessageKey] as string ?? text;
    }
}
