using Workflows.Engine;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The plan page's consultation panel (<c>_YKien</c>): every round of the plan's parallel consultations, newest first, each
/// with when it opened, its result in words and each branch's unit, person, answer and comment.
/// </summary>
/// <param name="Rounds">The rounds, newest first (<see cref="InstanceQueries.ConsultationsAsync"/>).</param>
/// <param name="People">Full names by user name, for who answered and for whom.</param>
internal sealed record ConsultationPanel(IReadOnlyList<Consultation> Rounds, IReadOnlyDictionary<string, string> People)
{
    /// <summary>The round's result in words: "Đang lấy ý kiến", "Các đơn vị đã đồng ý", "Đã trả lại để chỉnh sửa".</summary>
    public static string ResultText(Consultation round) => round.Result switch
    {
        "open" => "Đang lấy ý kiến",
        "agreed" => "Các đơn vị đã đồng ý",
        _ => "Đã trả lại để chỉnh sửa",
    };

    /// <summary>A branch's answer in words.</summary>
    public static string AnswerText(ConsultationBranch branch) => branch.State switch
    {
        "completed" when branch.Outcome == "agree" => "Đồng ý",
        "completed" => "Trả lại",
        "cancelled" => "Đã đóng (không cần ý kiến nữa)",
        _ => "Chờ ý kiến",
    };
}
