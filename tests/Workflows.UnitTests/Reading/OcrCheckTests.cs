using Workflows.Kernel.Plans;
using Workflows.Reading;
using Workflows.Reading.Layout;

namespace Workflows.UnitTests.Reading;

/// <summary>What a scan's text goes through after OCR and before the drafter sees it: known words put back with a
/// warning, implausible values dropped or warned about, doubtful words named. The text here is a sample plan with the
/// errors Tesseract made on the tests' scans written into it.</summary>
public sealed class OcrCheckTests
{
    private static readonly OcrVocabulary Vocabulary = OcrVocabulary.Common(new DateOnly(2026, 11, 30))
        .With(["TRƯỞNG PHÒNG"], ["ỦY BAN NHÂN DÂN"], ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], ["PGDĐT", "UBND"], ["Uông Bí"]);

    private static PlanFields Read(string fileName, params (string From, string To)[] misreadings) =>
        Read(fileName, [], misreadings);

    private static PlanFields Read(string fileName, PlacedWord[] words, params (string From, string To)[] misreadings)
    {
        var text = File.ReadAllText(ReadingTestFiles.Sample(fileName));
        foreach (var (from, to) in misreadings)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return PlanReader.ReadRecognisedText(text, words, fileName, Vocabulary);
    }

    private const string Commune = "xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt";

    [Fact]
    public void A_signer_title_read_without_its_dot_below_is_put_back_with_a_warning_saying_so()
    {
        var fields = Read(Commune, ("CHỦ TỊCH", "CHỦ TICH"));

        Assert.Equal("CHỦ TỊCH", fields.Signer!.Title);
        Assert.Contains("Chức danh đọc bằng OCR “CHỦ TICH” đã sửa thành “CHỦ TỊCH”: cần kiểm tra người ký.", fields.Warnings);
    }

    [Fact]
    public void A_signer_title_near_no_known_title_stays_as_read_with_a_warning()
    {
        var fields = Read(Commune, ("CHỦ TỊCH", "CHỦ NHIỆM KHOA"));

        Assert.Equal("CHỦ NHIỆM KHOA", fields.Signer!.Title);
        Assert.Contains(fields.Warnings, w => w.Contains("“CHỦ NHIỆM KHOA” không có trong danh sách đã biết: cần kiểm tra người ký", StringComparison.Ordinal));
    }

    [Fact]
    public void A_day_of_69_never_becomes_an_issue_date_and_the_drafter_is_told()
    {
        var fields = Read(Commune, ("ngày 05 tháng 3 năm 2024", "ngày 69 tháng 01 năm 2024"));

        Assert.Null(fields.IssuedOn);
        Assert.Contains(fields.Warnings, w => w.Contains("ngày tháng ban hành", StringComparison.Ordinal));
    }

    [Fact]
    public void An_issue_year_far_from_today_is_dropped_with_a_warning_naming_the_issue_date()
    {
        var fields = Read(Commune, ("năm 2024", "năm 1924"));

        Assert.Null(fields.IssuedOn);
        Assert.Contains("Ngày ban hành đọc bằng OCR không hợp lý (05/03/1924): cần nhập lại ngày ban hành.", fields.Warnings);
    }

    [Fact]
    public void A_symbol_whose_type_is_not_a_document_type_is_warned_about()
    {
        var fields = Read(Commune, ("Số: 12/KH-UBND", "Số: 12/KF-UBND"));

        Assert.Contains(fields.Warnings, w => w.Contains("“KF” không phải loại văn bản đã biết", StringComparison.Ordinal) && w.Contains("số, ký hiệu", StringComparison.Ordinal));
    }

    [Fact]
    public void A_symbol_whose_body_lost_its_stroke_is_put_back_to_the_configured_code_with_a_warning()
    {
        var fields = Read("uongbi-2025-18-KH-PGDDT-hai-nghia-vu-cham-phay.txt", ("18/KH-PGDĐT", "18/KH-PGDDT"));

        Assert.Equal("18/KH-PGDĐT", fields.Symbol);
        Assert.Contains(fields.Warnings, w => w.Contains("“PGDDT” đã sửa thành “PGDĐT”: cần kiểm tra số, ký hiệu", StringComparison.Ordinal));
    }

    [Fact]
    public void The_records_office_read_as_VI_is_put_back_as_VT_and_a_garbled_purpose_as_b_c_with_warnings()
    {
        var fields = Read(Commune, ("Lưu: VT", "Lưu: VI"), ("Ba Chẽ (b/c)", "Ba Chẽ (b/©)"));

        Assert.Contains(fields.Recipients, r => r is { Name: "VT", Kind: RecipientKind.Archive });
        Assert.Contains(fields.Recipients, r => r.Name == "UBND huyện Ba Chẽ" && r.Purpose.SequenceEqual(["b/c"]));
        Assert.Contains(fields.Warnings, w => w.Contains("“VI” đã sửa thành “VT”", StringComparison.Ordinal));
        Assert.Contains(fields.Warnings, w => w.Contains("“(b/©)” đã sửa thành “(b/c)”: cần kiểm tra nơi nhận “UBND huyện Ba Chẽ”", StringComparison.Ordinal));
    }

    [Fact]
    public void A_garbled_motto_and_type_line_are_put_back_so_the_header_and_subject_still_read()
    {
        var fields = Read(Commune, ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CÓNG HOA XÃ HỌI CHỦ NGHIA VIEẾT NAM"), ("KẾ HOẠCH\n", "KÉ HOẠCH\n"));

        Assert.Equal("ỦY BAN NHÂN DÂN XÃ ĐỒN ĐẠC", fields.Issuer.Name);
        Assert.Equal("KH", fields.DocumentType);
        Assert.NotNull(fields.Subject);
        Assert.Contains(fields.Warnings, w => w.Contains("“KÉ HOẠCH” đã sửa thành “KẾ HOẠCH”: cần kiểm tra loại văn bản", StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_read_with_low_confidence_is_named_in_a_warning_for_the_field_holding_it()
    {
        var fields = Read(Commune, [new PlacedWord(0, 10, 10, 10, "Cường", Confidence: 41)]);

        Assert.Contains("Đọc bằng OCR với độ tin cậy thấp ở “Cường”: cần kiểm tra người ký.", fields.Warnings);
    }

    [Fact]
    public void A_text_read_without_any_misreading_gets_no_ocr_warning()
    {
        var fields = Read(Commune);

        Assert.Equal(ReadingTestFiles.ReadSample(Commune).Warnings, fields.Warnings);
    }
}
