using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workflows.Reading;
using Workflows.Kernel.Plans;
using static Workflows.UnitTests.Reading.ReadingTestFiles;

namespace Workflows.UnitTests.Reading;

public sealed class DocxReadingTests
{
    [Theory]
    [InlineData("uongbi-2020-82-KH-PGDDT.txt")]
    [InlineData("bache-2021-ke-hoach-hanh-dong.txt")]
    [InlineData("uongbi-2023-95-KH-PGDDT.txt")]
    public void A_seed_plan_converted_to_docx_reads_exactly_like_its_text(string fileName)
    {
        var text = File.ReadAllText(RepositoryPaths.Plan(fileName));
        var docx = PlanDocxBuilder.FromText(text);

        var fromText = ReadSeed(fileName);
        var fromDocx = new PlanReader().Read(docx, "plan.docx");

        Assert.Equal(Json(fromText), Json(fromDocx));
    }

    [Fact]
    public void A_docx_is_detected_by_content_even_with_a_txt_name()
    {
        var docx = PlanDocxBuilder.FromText(File.ReadAllText(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt")));
        var r = new PlanReader().Read(docx, "plan.txt");
        Assert.Equal("95/KH-PGDĐT", r.Symbol);
        Assert.Equal(35, r.WorkProgramme.Count);
    }

    [Fact]
    public void Header_columns_of_a_docx_come_out_as_separate_blocks_not_interleaved()
    {
        var docx = PlanDocxBuilder.FromText(File.ReadAllText(Sample("sogddt-2024-05-KH-SGDDT-kt-giam-doc.txt")));
        var r = new PlanReader().Read(docx, "kh.docx");
        Assert.Equal(new PlanIssuer("UBND TỈNH QUẢNG NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), r.Issuer);
        Assert.Equal(new PlanSigner("KT.", null, "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình"), r.Signer);
        Assert.Equal(7, r.Recipients.Count);
    }

    [Fact]
    public void Caps_formatting_in_a_docx_is_read_as_upper_case()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new RunProperties(new Caps()), new Text("Kế hoạch"))),
                new Paragraph(new Run(new Text("Tổ chức hội thi"))),
                new Paragraph(new Run(new Text("Căn cứ kế hoạch năm học.")))));
            main.Document.Save();
        }
        var r = new PlanReader().Read(stream.ToArray(), "caps.docx");
        Assert.Equal("KH", r.DocumentType);
        Assert.Equal("Tổ chức hội thi", r.Subject);
    }

    [Fact]
    public void A_zip_without_word_document_xml_is_an_invalid_docx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            w.Write("not a word document");
        }
        var ex = Assert.Throws<PlanReadException>(() => new PlanReader().Read(stream.ToArray(), "broken.docx"));
        Assert.Equal("invalid-docx", ex.Code);
        Assert.Contains("Word", ex.Message);
    }

    [Fact]
    public void Word_footnotes_tracked_changes_and_comments_are_read_as_the_printed_plan_shows_them()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var notes = main.AddNewPart<FootnotesPart>();
            notes.Footnotes = new Footnotes(
                new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 },
                new Footnote(new Paragraph(
                    new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReferenceMark()),
                    new Run(new Text(" Năm học 2023-2024 có 39 trường trực thuộc.") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }))) { Id = 2 });
            var comments = main.AddNewPart<WordprocessingCommentsPart>();
            comments.Comments = new Comments(new Comment(new Paragraph(new Run(new Text("Sửa lại ngày cho đúng")))) { Id = "0", Author = "Trưởng phòng" });
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("KẾ HOẠCH"))),
                new Paragraph(new Run(new Text("Tổ chức hội thi giáo viên dạy giỏi"))),
                new Paragraph(
                    new Run(new Text("Căn cứ kế hoạch năm học, các trường") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                    new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReference { Id = 2 }),
                    new Run(new Text(" báo cáo kết quả về Phòng GD&ĐT ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                    new DeletedRun(new Run(new DeletedText("trước ngày 15/4/2024"))) { Id = "1", Author = "Chuyên viên" },
                    new InsertedRun(new Run(new Text("trước ngày 20/4/2024"))) { Id = "2", Author = "Chuyên viên" },
                    new CommentRangeStart { Id = "0" },
                    new Run(new Text(".")),
                    new CommentRangeEnd { Id = "0" },
                    new Run(new CommentReference { Id = "0" })),
                new Paragraph(new Run(new Text("Nơi nhận:"))),
                new Paragraph(new Run(new Text("- Các trường trực thuộc;")))));
            main.Document.Save();
        }

        var r = new PlanReader().Read(stream.ToArray(), "hoi-thi.docx");

        Assert.Equal("Căn cứ kế hoạch năm học, các trường báo cáo kết quả về Phòng GD&ĐT trước ngày 20/4/2024.", r.Body);
        var note = Assert.Single(r.Footnotes);
        Assert.Equal(("1", "Năm học 2023-2024 có 39 trường trực thuộc."), (note.Marker, note.Text));
        var duty = Assert.Single(r.ReportingDuties);
        Assert.Equal(new DateOnly(2024, 4, 20), duty.DueDate);
        Assert.DoesNotContain("Sửa lại", PlanFieldsJsonText(r));
    }

    private static string PlanFieldsJsonText(PlanFields r) => Json(r);
}
