using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Workflows.Reporting;
using Workflows.Reporting.Status;

namespace Workflows.Host.Ui;

/// <summary>
/// The reporting dashboard's pictures, drawn on the server as SVG (no script, no library): per period a stacked bar of
/// on time / late / missing / overdue, and for one period the submissions over time against its deadline. Each chart is
/// an image with a title and a description in words (what a screen reader says), each segment a tooltip; the viewBox
/// scales to the width of the page, readable at 390 px.
/// </summary>
internal static class ReportingCharts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The states a bar stacks, in order, with their colour (the legend's).</summary>
    public static readonly IReadOnlyList<(string State, string Colour)> Stacked =
        [("on_time", "#1e6b34"), ("late", "#b07a00"), ("missing", "#0b5cad"), ("overdue", "#b3261e")];

    /// <summary>One horizontal stacked bar per period that has opened (at most the latest 12), counts in the segments.</summary>
    public static IHtmlContent PeriodBars(MatrixPage matrix, DateTimeOffset now)
    {
        var periods = matrix.Periods.Where(p => p.OpensAt <= now).TakeLast(12).ToList();
        if (periods.Count == 0 || matrix.Schools == 0) return HtmlString.Empty;
        const int width = 600, label = 18, bar = 22, gap = 12;
        var height = periods.Count * (label + bar + gap);
        var svg = new StringBuilder();
        var description = string.Join("; ", periods.Select(p => $"{p.Label}: " + string.Join(", ",
            Stacked.Select(s => $"{ReportingText.Cell(s.State)} {matrix.Count(p, s.State)}"))));
        svg.Append(Invariant, $"""<svg class="chart" data-testid="bieu-do-ky" viewBox="0 0 {width} {height}" role="img" aria-labelledby="bd-ky-t bd-ky-d" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append("""<title id="bd-ky-t">Tình hình nộp theo kỳ</title>""");
        svg.Append($"""<desc id="bd-ky-d">{E(description)}.</desc>""");
        var y = 0;
        foreach (var period in periods)
        {
            svg.Append(Invariant, $"""<text x="0" y="{y + 14}" class="chart-label">{E(period.Label)} — hạn {E(UiText.DueDate(period.Deadline))}</text>""");
            double x = 0;
            var total = matrix.Schools;
            foreach (var (state, colour) in Stacked)
            {
                var count = matrix.Count(period, state);
                if (count == 0) continue;
                var w = width * (double)count / total;
                var words = $"{period.Label}: {ReportingText.Cell(state)} {count}/{total}";
                svg.Append(Invariant, $"""<g data-state="{state}"><rect x="{x:0.##}" y="{y + label}" width="{w:0.##}" height="{bar}" fill="{colour}"><title>{E(words)}</title></rect>""");
                if (w >= 28)
                    svg.Append(Invariant, $"""<text x="{x + w / 2:0.##}" y="{y + label + 16}" text-anchor="middle" class="chart-count">{count}</text>""");
                svg.Append("</g>");
                x += w;
            }
            if (x < width - 0.5)
                svg.Append(Invariant, $"""<rect x="{x:0.##}" y="{y + label}" width="{width - x:0.##}" height="{bar}" fill="#e3e7ec"><title>{E(period.Label)}: chưa mở hoặc không yêu cầu</title></rect>""");
            y += label + bar + gap;
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>
    /// For <paramref name="period"/> (the matrix's current period, whose first submissions it holds): how many schools had submitted (first submission) at each instant from its opening
    /// to now or its closing, a step line, with the deadline marked; empty when nothing can be drawn.
    /// </summary>
    public static IHtmlContent SubmissionsOverTime(MatrixPage matrix, PeriodView period, DateTimeOffset now)
    {
        if (period != matrix.Current || now < period.OpensAt) return HtmlString.Empty;
        var asked = matrix.Schools - matrix.Count(period, "not_requested");
        if (asked == 0) return HtmlString.Empty;
        var times = matrix.CurrentSubmissions;
        var start = period.OpensAt;
        var end = new[] { now < period.ClosesAt ? now : period.ClosesAt, period.Deadline }.Max();
        if (times.Count > 0 && times[^1] > end) end = times[^1];
        const int width = 600, height = 220, left = 36, right = 10, top = 10, bottom = 40;
        double X(DateTimeOffset t) => left + (width - left - right) * (t - start).TotalSeconds / Math.Max(1, (end - start).TotalSeconds);
        double Y(int n) => top + (height - top - bottom) * (1 - (double)n / asked);
        var points = new StringBuilder();
        points.Append(Invariant, $"{X(start):0.#},{Y(0):0.#}");
        // One vertical step per pixel column, however many schools submitted within it (10,000 submissions draw at most
        // one step per pixel of the axis instead of 20,000 points).
        for (var i = 0; i < times.Count;)
        {
            var x = Math.Round(X(times[i]));
            var before = i;
            while (i < times.Count && Math.Round(X(times[i])) == x) i++;
            points.Append(Invariant, $" {x:0},{Y(before):0.#} {x:0},{Y(i):0.#}");
        }
        points.Append(Invariant, $" {X(end):0.#},{Y(times.Count):0.#}");
        var onTime = times.Count(t => t <= period.Deadline);
        var description = $"{period.Label}: {times.Count}/{asked} đơn vị đã nộp, {onTime} trước hạn hết ngày {UiText.DueDate(period.Deadline)}; "
            + $"từ {UiText.DateTime(start)} đến {UiText.DateTime(end)}.";
        var svg = new StringBuilder();
        svg.Append(Invariant, $"""<svg class="chart" data-testid="bieu-do-thoi-gian" viewBox="0 0 {width} {height}" role="img" aria-labelledby="bd-tg-t bd-tg-d" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append($"""<title id="bd-tg-t">Số đơn vị đã nộp theo thời gian, {E(period.Label)}</title><desc id="bd-tg-d">{E(description)}</desc>""");
        svg.Append(Invariant, $"""<line x1="{left}" y1="{Y(0):0.#}" x2="{width - right}" y2="{Y(0):0.#}" class="chart-axis"/>""");
        svg.Append(Invariant, $"""<line x1="{left}" y1="{top}" x2="{left}" y2="{Y(0):0.#}" class="chart-axis"/>""");
        svg.Append(Invariant, $"""<text x="{left - 4}" y="{Y(asked) + 4:0.#}" text-anchor="end" class="chart-count-dark">{asked}</text>""");
        svg.Append(Invariant, $"""<text x="{left - 4}" y="{Y(0):0.#}" text-anchor="end" class="chart-count-dark">0</text>""");
        svg.Append(Invariant, $"""<polyline points="{points}" fill="none" stroke="#0b5cad" stroke-width="2.5"><title>{E(description)}</title></polyline>""");
        var deadline = X(period.Deadline);
        svg.Append(Invariant, $"""<line x1="{deadline:0.#}" y1="{top}" x2="{deadline:0.#}" y2="{Y(0):0.#}" stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4" data-testid="han-nop"/>""");
        svg.Append(Invariant, $"""<text x="{Math.Min(deadline, width - 120):0.#}" y="{height - 22}" class="chart-deadline">Hạn: hết {E(UiText.DueDate(period.Deadline))}</text>""");
        svg.Append(Invariant, $"""<text x="{left}" y="{height - 4}" class="chart-label">{E(UiText.Date(start))}</text>""");
        svg.Append(Invariant, $"""<text x="{width - right}" y="{height - 4}" text-anchor="end" class="chart-label">{E(UiText.Date(end))}</text>""");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
