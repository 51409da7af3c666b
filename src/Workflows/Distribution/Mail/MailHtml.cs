using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Distribution.Mail;

/// <summary>
/// The HTML version of a plain-text message, for the <c>text/html</c> half of <c>multipart/alternative</c>: one column at
/// most 600 px wide that reflows on a phone, 16 px text, the subject as its heading. Blank lines separate paragraphs;
/// lines starting with <c>- </c> become a list whose "Label: value" items show the label in bold (the plan's symbol, the
/// period, the deadline in Vietnam time as the text gives them); a line holding nothing but an <c>http(s)</c> address
/// becomes a large button (a school's submission link, <c>/nop-bao-cao/…</c>, reads "Mở trang nộp báo cáo"; a recipient's receipt link,
/// <c>/xac-nhan/…</c>, "Xác nhận đã nhận"); other
/// addresses become links. Everything else is HTML-encoded as written: the HTML says what the text says, no more.
/// </summary>
public static partial class MailHtml
{
    /// <summary>Button labels by a path fragment of the address; the first match wins (the submission path is <c>ReportTokens.PathPrefix</c>).</summary>
    private static readonly (string PathFragment, string Label)[] Buttons =
    [
        ("/nop-bao-cao/", "Mở trang nộp báo cáo"),
        ("/xac-nhan/", "Xác nhận đã nhận"),
    ];

    private const string DefaultButton = "Mở đường dẫn";

    /// <summary>The HTML document for <paramref name="subject"/> and <paramref name="text"/> (UTF-8, <c>lang="vi"</c>).</summary>
    public static string Render(string subject, string text)
    {
        var html = new StringBuilder(text.Length * 2 + 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(subject)).Append("</title></head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;\">\n")
            .Append("<div style=\"max-width:600px;margin:0 auto;padding:16px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;")
            .Append("font-size:16px;line-height:1.5;color:#1f2937;\">\n")
            .Append("<h1 style=\"font-size:19px;line-height:1.35;margin:0 0 16px;color:#0b3d91;\">").Append(Encode(subject)).Append("</h1>\n");
        foreach (var paragraph in Paragraphs(text)) AppendParagraph(html, paragraph);
        html.Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    private static IEnumerable<List<string>> Paragraphs(string text)
    {
        var current = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                if (current.Count > 0) yield return current;
                current = [];
            }
            else current.Add(line);
        }
        if (current.Count > 0) yield return current;
    }

    private static void AppendParagraph(StringBuilder html, List<string> lines)
    {
        var prose = new List<string>();
        var items = new List<string>();
        void FlushProse()
        {
            if (prose.Count == 0) return;
            html.Append("<p style=\"margin:0 0 14px;\">").Append(string.Join("<br>\n", prose.Select(Inline))).Append("</p>\n");
            prose.Clear();
        }
        void FlushItems()
        {
            if (items.Count == 0) return;
            html.Append("<ul style=\"margin:0 0 14px;padding-left:20px;\">\n");
            foreach (var item in items) html.Append("<li style=\"margin:0 0 6px;\">").Append(Item(item)).Append("</li>\n");
            html.Append("</ul>\n");
            items.Clear();
        }
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (LinkOnly().IsMatch(trimmed))
            {
                FlushProse();
                FlushItems();
                AppendButton(html, trimmed);
            }
            else if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                FlushProse();
                items.Add(trimmed[2..]);
            }
            else
            {
                FlushItems();
                prose.Add(trimmed);
            }
        }
        FlushProse();
        FlushItems();
    }

    private static void AppendButton(StringBuilder html, string url)
    {
        var label = Buttons.FirstOrDefault(b => url.Contains(b.PathFragment, StringComparison.Ordinal)).Label ?? DefaultButton;
        var href = Encode(url);
        html.Append("<p style=\"margin:8px 0 18px;\"><a href=\"").Append(href)
            .Append("\" style=\"display:inline-block;padding:14px 22px;background:#0b5cad;color:#ffffff;border-radius:6px;")
            .Append("font-size:17px;font-weight:bold;text-decoration:none;\">").Append(Encode(label)).Append("</a></p>\n")
            .Append("<p style=\"margin:0 0 14px;font-size:13px;color:#4b5563;word-break:break-all;\">")
            .Append("Nếu nút không mở được, chép địa chỉ sau vào trình duyệt:<br>\n").Append(Encode(url)).Append("</p>\n");
    }

    /// <summary>A list item: a short "Label: value" shows its label in bold.</summary>
    private static string Item(string item)
    {
        var colon = item.IndexOf(": ", StringComparison.Ordinal);
        return colon is > 0 and <= 40
            ? "<strong>" + Encode(item[..(colon + 1)]) + "</strong> " + Inline(item[(colon + 2)..])
            : Inline(item);
    }

    /// <summary>Encodes <paramref name="text"/>, turning each http(s) address into a link.</summary>
    private static string Inline(string text)
    {
        var result = new StringBuilder();
        var last = 0;
        foreach (Match m in Url().Matches(text))
        {
            result.Append(Encode(text[last..m.Index]));
            var href = Encode(m.Value);
            result.Append("<a href=\"").Append(href).Append("\" style=\"color:#0b5cad;\">").Append(href).Append("</a>");
            last = m.Index + m.Length;
        }
        return result.Append(Encode(text[last..])).ToString();
    }

    /// <summary>Escapes the five characters HTML gives meaning to; Vietnamese letters stay as they are (the part is UTF-8).</summary>
    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    [GeneratedRegex(@"^https?://\S+$")]
    private static partial Regex LinkOnly();

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]")]
    private static partial Regex Url();
}
