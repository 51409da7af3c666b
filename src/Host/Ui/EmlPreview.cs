using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Host.Ui;

/// <summary>
/// A pickup-folder <c>.eml</c> file read for the development mail page: its From, To, Subject and Date headers with
/// RFC 2047 encoded words decoded, its attachments' names, and its first <c>text/plain</c> part decoded from
/// quoted-printable or base64 (RFC 2045) in its charset (UTF-8 by default). Only what System.Net.Mail writes is expected.
/// </summary>
internal sealed record EmlPreview(string From, string To, string Subject, string Date, string Body, IReadOnlyList<string> Attachments)
{
    /// <summary>Reads <paramref name="raw"/>, the whole file as ASCII/UTF-8 text.</summary>
    public static EmlPreview Read(string raw)
    {
        var (headers, body) = Split(raw);
        var attachments = new List<string>();
        var text = Part(headers, body, attachments) ?? "";
        return new EmlPreview(Decode(Header(headers, "From")), Decode(Header(headers, "To")), Decode(Header(headers, "Subject")),
            Header(headers, "Date"), text, attachments);
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        raw = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? raw : raw[..end];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null) headers[last] += " " + line.Trim();
            else if (line.IndexOf(':') is var colon and > 0)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }
        return (headers, end < 0 ? "" : raw[(end + 2)..]);
    }

    private static string Header(Dictionary<string, string> headers, string name) => headers.GetValueOrDefault(name) ?? "";

    /// <summary>The text of the first text/plain part; the names of the other parts go to <paramref name="attachments"/>.</summary>
    private static string? Part(Dictionary<string, string> headers, string body, List<string> attachments)
    {
        var type = Header(headers, "Content-Type");
        var boundary = Regex.Match(type, "boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase);
        if (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && boundary.Success)
        {
            string? text = null;
            foreach (var chunk in body.Split("--" + boundary.Groups[1].Value).Skip(1))
            {
                if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
                var (partHeaders, partBody) = Split(chunk.TrimStart('\n'));
                var name = Regex.Match(Header(partHeaders, "Content-Disposition") + ";" + Header(partHeaders, "Content-Type"),
                    "(?:file)?name=\"?([^\";]+)\"?", RegexOptions.IgnoreCase);
                if (name.Success) attachments.Add(Decode(name.Groups[1].Value));
                else text ??= Part(partHeaders, partBody, attachments);
            }
            return text;
        }
        if (type.Length > 0 && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)) return null;
        var charset = Regex.Match(type, "charset=\"?([^\";]+)\"?", RegexOptions.IgnoreCase);
        var encoding = Charset(charset.Success ? charset.Groups[1].Value : "utf-8");
        return Header(headers, "Content-Transfer-Encoding").ToLowerInvariant() switch
        {
            "quoted-printable" => encoding.GetString(QuotedPrintable(body, underscoreIsSpace: false)),
            "base64" => encoding.GetString(Base64(body)),
            _ => body,
        };
    }

    /// <summary>Decodes RFC 2047 encoded words (<c>=?utf-8?B?…?=</c>, <c>=?utf-8?Q?…?=</c>); whitespace between two encoded words is dropped.</summary>
    public static string Decode(string value)
    {
        var joined = Regex.Replace(value, @"(\?=)\s+(=\?)", "$1$2");
        return Regex.Replace(joined, @"=\?([^?]+)\?([BbQq])\?([^?]*)\?=", m =>
        {
            var encoding = Charset(m.Groups[1].Value);
            return m.Groups[2].Value is "B" or "b"
                ? encoding.GetString(Base64(m.Groups[3].Value))
                : encoding.GetString(QuotedPrintable(m.Groups[3].Value, underscoreIsSpace: true));
        });
    }

    private static Encoding Charset(string name)
    {
        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static byte[] Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(Regex.Replace(text, @"\s", ""));
        }
        catch (FormatException)
        {
            return Encoding.ASCII.GetBytes(text);
        }
    }

    private static byte[] QuotedPrintable(string text, bool underscoreIsSpace)
    {
        text = text.Replace("=\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (underscoreIsSpace && text[i] == '_') bytes.Add((byte)' ');
            else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return bytes.ToArray();
    }
}
