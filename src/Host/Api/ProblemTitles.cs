using Microsoft.AspNetCore.Http;

namespace Workflows.Host.Api;

/// <summary>
/// Vietnamese titles for the ProblemDetails ASP.NET Core writes itself (a bare 404 or 401, a validation problem):
/// its defaults ("Not Found", "One or more validation errors occurred.") are English; a title a use case gave in
/// Vietnamese is kept.
/// </summary>
internal static class ProblemTitles
{
    /// <summary>The Vietnamese title of an HTTP status.</summary>
    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Yêu cầu không hợp lệ.",
        StatusCodes.Status401Unauthorized => "Cần đăng nhập.",
        StatusCodes.Status403Forbidden => "Không có quyền thực hiện.",
        StatusCodes.Status404NotFound => "Không tìm thấy.",
        StatusCodes.Status405MethodNotAllowed => "Phương thức không được hỗ trợ.",
        StatusCodes.Status406NotAcceptable => "Không có định dạng trả lời phù hợp.",
        StatusCodes.Status408RequestTimeout => "Yêu cầu gửi quá chậm.",
        StatusCodes.Status409Conflict => "Xung đột với trạng thái hiện tại.",
        StatusCodes.Status413PayloadTooLarge => "Yêu cầu quá lớn.",
        StatusCodes.Status415UnsupportedMediaType => "Kiểu nội dung không được hỗ trợ.",
        StatusCodes.Status422UnprocessableEntity => "Dữ liệu không hợp lệ.",
        StatusCodes.Status429TooManyRequests => "Quá nhiều yêu cầu; vui lòng thử lại sau.",
        StatusCodes.Status503ServiceUnavailable => "Dịch vụ tạm thời không sẵn sàng.",
        >= 500 => "Lỗi hệ thống; vui lòng thử lại.",
        _ => "Yêu cầu không thực hiện được.",
    };

    /// <summary>Gives <paramref name="context"/>'s ProblemDetails a Vietnamese title when it has none or an ASCII-only (English) one.</summary>
    public static void Customize(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        if (details.Title is null || details.Title.All(char.IsAscii))
            details.Title = For(details.Status ?? context.HttpContext.Response.StatusCode);
        if (details.Detail is { } detail && detail.All(char.IsAscii)) details.Detail = null;
    }
}
