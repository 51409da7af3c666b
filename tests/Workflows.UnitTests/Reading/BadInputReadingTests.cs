using System.Text;
using Workflows.Reading;

namespace Workflows.UnitTests.Reading;

public sealed class BadInputReadingTests
{
    private static PlanReadException Fails(byte[] content, string name = "x.txt") =>
        Assert.Throws<PlanReadException>(() => new PlanReader().Read(content, name));

    [Fact]
    public void A_damaged_pdf_is_refused_with_a_vietnamese_message_naming_the_file()
    {
        var ex = Fails(Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "plan.pdf");
        Assert.Equal("invalid-pdf", ex.Code);
        Assert.Contains("Tệp PDF 'plan.pdf' bị hỏng", ex.Message);
    }

    [Fact]
    public void Tcvn3_text_is_refused_as_a_legacy_encoding()
    {
        // "KẾ HOẠCH / Căn cứ Nghị quyết số 15 của Ban Chấp hành Đảng bộ thành phố về phương hướng, nhiệm vụ năm 2020" in TCVN3 (ABC).
        var tcvn3 = "KÕ ho¹ch\nC¨n cø NghÞ quyÕt sè 15 cña Ban ChÊp hµnh §¶ng bé thµnh phè vÒ ph­¬ng h­íng, nhiÖm vô n¨m 2020\n";
        var ex = Fails(Encoding.Latin1.GetBytes(tcvn3));
        Assert.Equal("legacy-encoding", ex.Code);
        Assert.Contains("TCVN3", ex.Message);
    }

    [Fact]
    public void Tcvn3_mojibake_saved_as_utf8_is_refused_as_a_legacy_encoding()
    {
        var mojibake = "KÕ ho¹ch\nC¨n cø NghÞ quyÕt sè 15 cña Ban ChÊp hµnh §¶ng bé thµnh phè vÒ ph­¬ng h­íng, nhiÖm vô n¨m 2020\n";
        Assert.Equal("legacy-encoding", Fails(Encoding.UTF8.GetBytes(mojibake)).Code);
    }

    [Fact]
    public void Vni_text_is_refused_as_a_legacy_encoding()
    {
        // "Kế hoạch thực hiện nhiệm vụ năm học, Phòng Giáo dục và Đào tạo" in VNI-Windows.
        var vni = "Keá hoaïch thöïc hieän nhieäm vuï naêm hoïc, Phoøng Giaùo duïc vaø Ñaøo taïo\n";
        Assert.Equal("legacy-encoding", Fails(Encoding.Latin1.GetBytes(vni)).Code);
        Assert.Equal("legacy-encoding", Fails(Encoding.UTF8.GetBytes(vni)).Code);
    }

    [Fact]
    public void Latin1_text_that_is_not_vietnamese_is_refused_as_not_utf8()
    {
        Assert.Equal("not-utf8", Fails(Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me, na\u00efve fa\u00e7ade\n")).Code);
    }

    [Theory]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    public void Utf16_text_is_refused_as_utf16_with_a_vietnamese_message_saying_to_save_it_as_utf8(string form)
    {
        const string text = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nKẾ HOẠCH\nThực hiện Nghị quyết số 06-NQ/TU về chuyển đổi số\n";
        var bytes = form switch
        {
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            _ => Encoding.Unicode.GetBytes(text),
        };
        var ex = Fails(bytes);
        Assert.Equal("utf-16", ex.Code);
        Assert.Equal("Tệp 'x.txt' mã hóa UTF-16, hãy lưu lại dạng UTF-8 (hoặc .docx).", ex.VietnameseMessage);
    }

    [Fact]
    public void Binary_content_is_refused_as_binary()
    {
        var bytes = new byte[256];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)i;
        Assert.Equal("binary", Fails(bytes).Code);
    }

    [Fact]
    public void Empty_content_is_refused_as_empty()
    {
        Assert.Equal("empty", Fails([]).Code);
        Assert.Equal("empty", Fails([0xEF, 0xBB, 0xBF]).Code);
    }

    [Fact]
    public void Whitespace_only_content_is_refused_as_empty()
    {
        Assert.Equal("empty", Fails(Encoding.UTF8.GetBytes("  \n\t\r\n   \n")).Code);
    }

    [Fact]
    public void Content_over_20_megabytes_is_refused_before_parsing()
    {
        var big = new byte[PlanReader.MaxBytes + 1];
        big.AsSpan().Fill((byte)'a');
        Assert.Equal("too-large", Fails(big).Code);
        Assert.Equal("too-large", Assert.Throws<PlanReadException>(() => new PlanReader().Read(new MemoryStream(big), "big.txt")).Code);
    }

    [Fact]
    public void Text_without_any_plan_structure_is_read_with_warnings_not_an_exception()
    {
        var r = new PlanReader().Read(Encoding.UTF8.GetBytes("Xin chào các thầy cô.\n"), "note.txt");
        Assert.Null(r.DocumentType);
        Assert.Contains(r.Warnings, w => w.StartsWith("Không tìm thấy phần đầu văn bản", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.StartsWith("Không tìm thấy phần Nơi nhận", StringComparison.Ordinal));
    }
}
