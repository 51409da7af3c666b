using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Reading;
using static Workflows.UnitTests.Reading.ReadingTestFiles;

namespace Workflows.UnitTests.Reading;

/// <summary>
/// The reader takes footnote marks out of the body (the body tests keep requiring it without them) and keeps each mark's
/// place beside it, in <see cref="PlanFields.FootnoteMarks"/>, whatever the file it read.
/// </summary>
public sealed class FootnoteMarkReadingTests
{
    /// <summary>The words each mark follows, in mark order.</summary>
    private static IEnumerable<(string Marker, string Before)> Places(PlanFields r, int context = 12) =>
        r.FootnoteMarks.Select(m => (m.Marker, r.Body[Math.Max(0, m.Offset - context)..m.Offset]));

    [Fact]
    public void The_2023_plan_keeps_the_place_of_each_of_its_seven_marks_after_the_words_they_explain()
    {
        var r = ReadSeed("uongbi-2023-95-KH-PGDDT.txt");

        Assert.DoesNotContain("¹", r.Body);
        string[] before = ["giáo dục và đào tạo năm 2023", "THCS: 04 trường", "đạt tối thiểu 27%", "Chương trình GDMN là 100%",
            "đạt ít nhất 99.5%", "Lao động phổ thông: 0.5%", "Thành phố và ngành GDĐT"];
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], r.FootnoteMarks.Select(m => m.Marker));
        for (var i = 0; i < before.Length; i++)
            Assert.EndsWith(before[i], r.Body[..r.FootnoteMarks[i].Offset]);
        Assert.Equal(".", r.Body[r.FootnoteMarks[0].Offset..(r.FootnoteMarks[0].Offset + 1)]);
        Assert.Equal(r.FootnoteMarks.OrderBy(m => m.Offset), r.FootnoteMarks);
    }

    [Fact]
    public void The_2020_plan_keeps_the_place_of_its_plain_digit_mark()
    {
        var r = ReadSeed("uongbi-2020-82-KH-PGDDT.txt");

        var mark = Assert.Single(r.FootnoteMarks);
        Assert.Equal("1", mark.Marker);
        Assert.EndsWith("lý luận chính trị đạt tối thiểu 16%", r.Body[..mark.Offset]);
        Assert.StartsWith(".", r.Body[mark.Offset..]);
    }

    [Fact]
    public void A_plan_without_footnotes_has_no_marks()
    {
        Assert.Empty(ReadSeed("bache-2021-ke-hoach-hanh-dong.txt").FootnoteMarks);
    }

    [Theory]
    [InlineData("uongbi-2023-95-KH-PGDDT.txt")]
    [InlineData("uongbi-2020-82-KH-PGDDT.txt")]
    public void A_printed_pdf_of_a_seed_plan_gives_the_marks_of_its_text(string fileName)
    {
        var pdf = PlanPdfLayout.FromText(File.ReadAllText(RepositoryPaths.Plan(fileName)));

        var fromPdf = new PlanReader().Read(pdf, Path.ChangeExtension(fileName, ".pdf"));

        var fromText = ReadSeed(fileName);
        Assert.NotEmpty(fromText.FootnoteMarks);
        Assert.Equal(Places(fromText), Places(fromPdf));
    }

    [Fact]
    public void A_word_footnote_reference_gives_a_mark_after_the_words_before_it_and_the_body_stays_without_it()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var notes = main.AddNewPart<FootnotesPart>();
            notes.Footnotes = new Footnotes(new Footnote(new Paragraph(new Run(new Text("Năm học 2023-2024 có 39 trường trực thuộc.")))) { Id = 2 });
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("KẾ HOẠCH"))),
                new Paragraph(new Run(new Text("Tổ chức hội thi giáo viên dạy giỏi"))),
                new Paragraph(
                    new Run(new Text("Căn cứ kế hoạch năm học, các trường") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                    new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReference { Id = 2 }),
                    new Run(new Text(" báo cáo kết quả về Phòng GD&ĐT trước ngày 20/4/2024.") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve })),
                new Paragraph(new Run(new Text("Nơi nhận:"))),
                new Paragraph(new Run(new Text("- Các trường trực thuộc;")))));
            main.Document.Save();
        }

        var r = new PlanReader().Read(stream.ToArray(), "hoi-thi.docx");

        Assert.Equal("Căn cứ kế hoạch năm học, các trường báo cáo kết quả về Phòng GD&ĐT trước ngày 20/4/2024.", r.Body);
        Assert.Equal([new PlanFootnoteMark("1", "Căn cứ kế hoạch năm học, các trường".Length)], r.FootnoteMarks);
    }

    [Theory]
    [InlineData("uongbi-2023-95-KH-PGDDT.txt")]
    [InlineData("uongbi-2020-82-KH-PGDDT.txt")]
    public void The_marks_read_from_a_seed_plan_are_valid_marks_of_its_body(string fileName)
    {
        var r = ReadSeed(fileName);

        Assert.Equal(r.FootnoteMarks, FootnoteMarks.Validate(r).FootnoteMarks);
    }
}
