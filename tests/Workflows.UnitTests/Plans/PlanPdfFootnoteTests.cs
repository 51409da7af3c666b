using UglyToad.PdfPig;
using Workflows.Plans;
using Workflows.Plans.Documents;
using Workflows.Reading;

namespace Workflows.UnitTests.Plans;

/// <summary>The issued PDF of a plan prints each footnote mark raised after its words and the footnotes under the body.</summary>
public sealed class PlanPdfFootnoteTests
{
    [Fact]
    public void The_issued_pdf_of_the_2023_plan_raises_each_mark_after_its_words_and_prints_its_footnotes_under_the_body()
    {
        var fields = new PlanReader().Read(File.ReadAllBytes(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt")), "uongbi-2023-95-KH-PGDDT.txt");
        var plan = new PlanRecord { BodyCode = "PGDĐT", Subject = fields.Subject!, Fields = fields };

        var (pdf, _) = PlanPdfWriter.Write(PlanDocument.From(plan, null));

        using var document = PdfDocument.Open(pdf);
        var letters = document.GetPages().SelectMany(p => p.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => (Page: p.Number, Letter: l))).ToList();
        var text = string.Concat(letters.Select(l => l.Letter.Value));
        // "năm 2023" then a smaller "1" above the line, then the full stop back on it (letters without spaces).
        var at = text.IndexOf("đàotạonăm20231.", StringComparison.Ordinal);
        Assert.True(at >= 0, "the words before the first mark, its mark and the full stop follow each other: " + text[Math.Max(0, text.IndexOf("năm2023", StringComparison.Ordinal) - 30)..][..80]);
        var three = letters[at + "đàotạonăm2023".Length - 1].Letter;
        var mark = letters[at + "đàotạonăm2023".Length].Letter;
        var stop = letters[at + "đàotạonăm2023".Length + 1].Letter;
        Assert.Equal("1", mark.Value);
        Assert.True(mark.PointSize < three.PointSize * 0.8, $"the mark is smaller ({mark.PointSize} against {three.PointSize})");
        Assert.True(mark.StartBaseLine.Y > three.StartBaseLine.Y + 2, $"the mark is raised ({mark.StartBaseLine.Y} against {three.StartBaseLine.Y})");
        Assert.Equal(three.StartBaseLine.Y, stop.StartBaseLine.Y, 1);
        // The seven footnotes follow the body, each after its raised number, before Nơi nhận.
        var notes = text.IndexOf("1Chủđềnămhọc2022-2023củangành", StringComparison.Ordinal);
        Assert.True(notes > at, "the first footnote is printed after the body");
        Assert.True(notes < text.IndexOf("Nơinhận:", StringComparison.Ordinal), "the footnotes come before Nơi nhận");
        Assert.True(letters[notes].Letter.PointSize < letters[notes + 1].Letter.PointSize, "the footnote's number is smaller than its text");
        Assert.True(letters[notes + 1].Letter.PointSize < three.PointSize, "the footnotes are smaller than the body");
        Assert.Contains("7Nghịquyếtsố29-NQ/TWngày04/11/2013", text);
    }
}
