using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflows.Testing;

/// <summary>A plan as an office writes it in Word: header, draft number and date, subject, body, Nơi nhận, signer.</summary>
internal static class SamplePlanDocx
{
    public static byte[] Create()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                P("UBND THÀNH PHỐ UÔNG BÍ"),
                P("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", bold: true),
                P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true),
                P("Độc lập - Tự do - Hạnh phúc", bold: true),
                // The draft's number and date, split over runs as Word does: both are blanked before signing.
                new Paragraph(new Run(new Text("Số: 95 ") { Space = SpaceProcessingModeValues.Preserve }), new Run(new Text("/KH-PGDĐT"))),
                new Paragraph(new Run(new Text("Uông Bí, ngày 01 tháng ") { Space = SpaceProcessingModeValues.Preserve }), new Run(new Text("02 năm 2023"))),
                P("KẾ HOẠCH", bold: true),
                P("Tổ chức Ngày hội đọc sách năm 2026", bold: true),
                P("Căn cứ Luật Thư viện năm 2019; Phòng Giáo dục và Đào tạo xây dựng kế hoạch như sau:"),
                P("I. MỤC ĐÍCH, YÊU CẦU"),
                P("Phát triển văn hóa đọc trong các trường học trực thuộc."),
                P("II. TỔ CHỨC THỰC HIỆN"),
                P("Các trường tổ chức ngày hội đọc sách trong tháng 4."),
                P("Nơi nhận:", bold: true),
                P("- Sở GDĐT Quảng Ninh (b/c);"),
                P("- UBND TP;"),
                P("- Lưu: VT, TĐ-TH."),
                P("TRƯỞNG PHÒNG", bold: true),
                P("Trần Nam Hải", bold: true)));
        }
        return stream.ToArray();
    }

    private static Paragraph P(string text, bool bold = false)
    {
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold) run.PrependChild(new RunProperties(new Bold()));
        return new Paragraph(run);
    }
}
