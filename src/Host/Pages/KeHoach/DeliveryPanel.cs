using Workflows.Distribution.Receipts;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The plan page's delivery panel (<c>_GiaoNhan</c>): progress counts, a bar of queued / sent / acknowledged / failed,
/// each recipient with its receipt, and "Gửi lại" for the clerk where a message failed. The panel asks for itself again
/// every few seconds (htmx, <c>?handler=GiaoNhan</c>).
/// </summary>
/// <param name="PlanId">The plan.</param>
/// <param name="MayResend">True for the clerk.</param>
/// <param name="Progress">The delivery as <see cref="ReleaseReceipts.ProgressAsync"/> reads it.</param>
internal sealed record DeliveryPanel(Guid PlanId, bool MayResend, DeliveryProgress Progress);
