using System.Text;

namespace Workflows.Reading;

/// <summary>Detects the format of raw bytes and decodes UTF-8 text, rejecting binary and legacy encodings.</summary>
internal static class PlanInputDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Characters TCVN3 (ABC) uses for Vietnamese letters that Vietnamese written in Unicode never uses.
    private const string Tcvn3Chars = "¸µ¶·¹¨©ª«¬®¯°±²³´½¾ÆÇËÌÎÏÐÑ×ØÛÜÞßåæçëîïðñö÷øûüþ¡¢£¤¥¦§";

    // Characters VNI uses as tone/vowel marks after an ASCII letter, never used in Vietnamese Unicode.
    private const string VniChars = "øïûöñÑØÏÛÖ";

    // What Normalise drops or replaces: carriage returns, no-break spaces, byte-order and zero-width marks.
    private static readonly System.Buffers.SearchValues<char> Dropped = System.Buffers.SearchValues.Create("\r\u00A0\u2007\u202F\uFEFF\u200B\u200C\u200D");

    public static bool IsZip(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4;

    public static bool IsImage(ReadOnlySpan<byte> content) =>
        content.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }) || content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF });

    public static string DecodeText(ReadOnlySpan<byte> content, string name)
    {
        if (content.IsEmpty)
        {
            throw new PlanReadException(PlanReadErrorCodes.Empty, $"'{name}' is empty. / Tệp '{name}' không có nội dung.");
        }

        if (LooksLikeUtf16(content))
        {
            throw new PlanReadException(PlanReadErrorCodes.Utf16,
                $"'{name}' is UTF-16 text; save it as UTF-8. / Tệp '{name}' mã hóa UTF-16, hãy lưu lại dạng UTF-8 (hoặc .docx).");
        }

        var start = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        var trimmed = content[start..];
        if (content.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            throw new PlanReadException(PlanReadErrorCodes.Binary,
                $"'{name}' is an old Word 97-2003 (.doc) or other binary file; save it as .docx. / Tệp '{name}' là Word 97-2003 (.doc) hoặc tệp nhị phân; hãy lưu lại dưới dạng .docx.");
        }

        var controls = 0;
        foreach (var b in trimmed)
        {
            if (b == 0)
            {
                throw Binary(name);
            }
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                controls++;
            }
        }
        if (controls > 8 && controls * 100 > trimmed.Length)
        {
            throw Binary(name);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(trimmed);
        }
        catch (DecoderFallbackException)
        {
            var latin1 = Encoding.Latin1.GetString(trimmed);
            if (LooksLikeLegacyVietnamese(latin1))
            {
                throw Legacy(name);
            }
            throw new PlanReadException(PlanReadErrorCodes.NotUtf8,
                $"'{name}' is not UTF-8 text; save it as UTF-8 or .docx. / Tệp '{name}' không phải văn bản UTF-8; hãy lưu lại dạng UTF-8 hoặc .docx.");
        }
        return text;
    }

    /// <summary>
    /// UTF-16 text: a byte-order mark (FF FE or FE FF), or no mark but NUL in at least 40 % of the even or of the odd
    /// positions of the first 1,024 bytes (Latin and Vietnamese text in UTF-16 has a zero high byte for every ASCII letter).
    /// </summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF))) return true;
        var sample = content[..Math.Min(content.Length, 1024)];
        if (sample.Length < 8) return false;
        int even = 0, odd = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] != 0) continue;
            if (i % 2 == 0) even++;
            else odd++;
        }
        var half = sample.Length / 2;
        return (even * 10 >= half * 4 && odd * 10 < half) || (odd * 10 >= half * 4 && even * 10 < half);
    }

    /// <summary>NFC, Unix line ends, no-break spaces as spaces, no BOM, no zero-width characters.</summary>
    public static string Normalise(string text)
    {
        if (text.AsSpan().IndexOfAny(Dropped) < 0)
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                    break;
                case '\u00A0' or '\u2007' or '\u202F':
                    sb.Append(' ');
                    break;
                case '\uFEFF' or '\u200B' or '\u200C' or '\u200D':
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        var s = sb.ToString();
        return s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Rejects text that decoded but is TCVN3 or VNI mojibake (e.g. "KÕ ho¹ch", "Keá hoaïch").</summary>
    public static void RejectLegacyMojibake(string text, string name)
    {
        if (LooksLikeLegacyVietnamese(text))
        {
            throw Legacy(name);
        }
    }

    internal static bool LooksLikeLegacyVietnamese(string text)
    {
        int tcvn = 0, vni = 0, vietnamese = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u1EA0' and <= '\u1EF9' or 'ă' or 'Ă' or 'đ' or 'Đ' or 'ơ' or 'Ơ' or 'ư' or 'Ư')
            {
                vietnamese++;
            }
            else if (Tcvn3Chars.Contains(c) || (c is 'Õ' && i > 0 && char.IsLower(text[i - 1])))
            {
                tcvn++;
            }
            if (VniChars.Contains(c) && i > 0 && char.IsAsciiLetter(text[i - 1]))
            {
                vni++;
            }
            else if (c is 'á' or 'à' or 'å' or 'ã' or 'ä' or 'â' && i > 0 && text[i - 1] is 'e' or 'a' or 'E' or 'A')
            {
                vni++;
            }
        }
        return (tcvn >= 5 && tcvn > vietnamese * 2) || (vni >= 5 && vni > vietnamese * 2);
    }

    private static PlanReadException Binary(string name) => new(PlanReadErrorCodes.Binary,
        $"'{name}' is a binary file, not text or .docx. / Tệp '{name}' là tệp nhị phân, không phải văn bản hay .docx.");

    private static PlanReadException Legacy(string name) => new(PlanReadErrorCodes.LegacyEncoding,
        $"'{name}' uses a legacy Vietnamese encoding (TCVN3/ABC or VNI); convert it to Unicode (e.g. with Unikey) and save as UTF-8 or .docx. / Tệp '{name}' dùng bảng mã cũ (TCVN3/ABC hoặc VNI); hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi lưu dạng UTF-8 hoặc .docx.");
}
