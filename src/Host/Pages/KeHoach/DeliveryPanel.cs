using Microsoft.AspNetCore.Http;
using Workflows.Distribution.Receipts;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The plan page's delivery panel (<c>_GiaoNhan</c>): progress counts, a bar of queued / sent / acknowledged / failed,
/// the recipients searched by name or address, filtered by state, ordered and 50 a page, each with its receipt, and
/// "Gửi lại" for the clerk where a message failed. The panel asks for itself again every few seconds (htmx,
/// <c>?handler=GiaoNhan</c>) with the same search and page.
/// </summary>
/// <param name="PlanId">The plan.</param>
/// <param name="MayResend">True for the clerk.</param>
/// <param name="Progress">The delivery as <see cref="ReleaseReceipts.ProgressAsync(Guid, Workflows.Kernel.Actor, DeliveryQuery?, CancellationToken)"/> reads it.</param>
/// <param name="Query">The search, state, order and page of the recipients listed.</param>
internal sealed record DeliveryPanel(Guid PlanId, bool MayResend, DeliveryProgress Progress, DeliveryQuery Query)
{
    /// <summary>Recipients per page.</summary>
    public const int PageSize = 50;

    /// <summary>The orders offered, with their words.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("ten", "Theo tên người nhận"), ("dia-chi", "Theo địa chỉ"), ("tinh-trang", "Thất bại, đang chờ trước")];

    /// <summary>
    /// The query of the page's address: <c>gn-q</c> (words), <c>gn-tt</c> (state), <c>gn-sx</c> (order), <c>gn-trang</c>
    /// (page); an unknown state or order is left out rather than refused.
    /// </summary>
    public static DeliveryQuery QueryOf(IQueryCollection query)
    {
        var state = query["gn-tt"].ToString();
        var sort = query["gn-sx"].ToString();
        return new DeliveryQuery(
            query["gn-q"].ToString() is { Length: > 0 } q ? q : null,
            DeliveryQuery.States.Contains(state) ? state : null,
            Sorts.Any(s => s.Value == sort) ? sort : "ten",
            int.TryParse(query["gn-trang"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) ? page : 1,
            PageSize);
    }

    /// <summary>The query string of this panel's search at <paramref name="page"/> (starting with <c>&amp;</c>, or empty).</summary>
    public string QueryString(int page) => string.Concat(new Dictionary<string, string?>
    {
        ["gn-q"] = Query.Text, ["gn-tt"] = Query.State, ["gn-sx"] = Query.Sort == "ten" ? null : Query.Sort,
        ["gn-trang"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"&{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>The plan page at <paramref name="page"/> of the recipients, scrolled to the panel.</summary>
    public string Link(int page) => QueryString(page) is { Length: > 0 } q ? $"/ke-hoach/{PlanId}?{q[1..]}#gui-thu" : $"/ke-hoach/{PlanId}#gui-thu";
}
