using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.UnitTests.Plans;

/// <summary>The footnote marks stay beside the body through a drafter's or a client's edit, or the edit is refused in Vietnamese.</summary>
public sealed class FootnoteMarksTests
{
    private const string Body = "Căn cứ kế hoạch năm học 2023.\nPhấn đấu 06 trường đạt chuẩn, 100% giáo viên đạt chuẩn.";

    private static readonly PlanFields Stored = new()
    {
        Body = Body,
        Footnotes = [new PlanFootnote("1", "Chủ đề năm học."), new PlanFootnote("2", "Gồm TH Lê Lợi, THCS Yên Thanh.")],
        FootnoteMarks = [new PlanFootnoteMark("1", Body.IndexOf(" 2023", StringComparison.Ordinal) + 5), new PlanFootnoteMark("2", Body.IndexOf(" trường", StringComparison.Ordinal) + 7)],
    };

    [Fact]
    public void The_body_shows_its_marks_as_superscripts_and_gives_them_back_unchanged()
    {
        var text = FootnoteMarks.Inline(Stored.Body, Stored.FootnoteMarks);

        Assert.Equal("Căn cứ kế hoạch năm học 2023¹.\nPhấn đấu 06 trường² đạt chuẩn, 100% giáo viên đạt chuẩn.", text);
        var (body, marks) = FootnoteMarks.Extract(text.Replace("\n", "\r\n", StringComparison.Ordinal), ["1", "2"], ["1", "2"], "Body");
        Assert.Equal(Stored.Body, body);
        Assert.Equal(Stored.FootnoteMarks, marks);
    }

    [Fact]
    public void A_mark_moved_by_the_drafter_stays_where_it_was_put_and_a_power_without_a_footnote_stays_text()
    {
        var (body, marks) = FootnoteMarks.Extract("Căn cứ kế hoạch năm học¹ 2023.\nPhấn đấu 06 trường² đạt chuẩn trên 30 m³ đất.", ["1", "2"], ["1", "2"], "Body");

        Assert.Equal("Căn cứ kế hoạch năm học 2023.\nPhấn đấu 06 trường đạt chuẩn trên 30 m³ đất.", body);
        Assert.Equal([new PlanFootnoteMark("1", "Căn cứ kế hoạch năm học".Length), new PlanFootnoteMark("2", body.IndexOf(" đạt", StringComparison.Ordinal))], marks);
    }

    [Fact]
    public void A_mark_the_drafter_deleted_while_keeping_its_footnote_is_refused_in_vietnamese_on_the_body()
    {
        var (_, marks) = FootnoteMarks.Extract("Căn cứ kế hoạch năm học 2023¹.\nPhấn đấu 06 trường đạt chuẩn.", ["1", "2"], ["1", "2"], "Body");

        var e = Assert.Throws<WorkflowException>(() => FootnoteMarks.CheckKept(Stored, Stored.Footnotes, marks, "Body"));
        Assert.Equal(("Body", ErrorKind.Invalid), (e.Field, e.Kind));
        Assert.Equal("Chú thích 2 không còn dấu ² trong nội dung: đặt lại dấu ² ngay sau chữ được chú thích, hoặc xóa chú thích 2.", e.Message);
    }

    [Fact]
    public void A_mark_typed_twice_or_left_after_its_footnote_was_deleted_is_refused()
    {
        var twice = Assert.Throws<WorkflowException>(() => FootnoteMarks.Extract("năm¹ học¹.", ["1"], ["1"], "Body"));
        Assert.Equal("Dấu chú thích ¹ có hơn một lần trong nội dung: mỗi chú thích chỉ có một dấu.", twice.Message);
        var orphan = Assert.Throws<WorkflowException>(() => FootnoteMarks.Extract("năm học² mới.", ["1"], ["1", "2"], "Body"));
        Assert.Equal("Dấu ² trong nội dung không còn chú thích 2: xóa dấu ² hoặc thêm lại chú thích 2.", orphan.Message);
    }

    [Fact]
    public void A_client_that_edits_the_body_without_sending_marks_keeps_them_moved_with_their_words()
    {
        var edited = Stored with { Body = "Căn cứ Kế hoạch số 95 năm học 2023.\nPhấn đấu 06 trường đạt chuẩn, 100% giáo viên và nhân viên đạt chuẩn.", FootnoteMarks = [] };

        var result = FootnoteMarks.Reconcile(Stored, edited);

        Assert.Equal("Căn cứ Kế hoạch số 95 năm học 2023¹.\nPhấn đấu 06 trường² đạt chuẩn, 100% giáo viên và nhân viên đạt chuẩn.",
            FootnoteMarks.Inline(result.Body, result.FootnoteMarks));
    }

    [Fact]
    public void A_mark_whose_words_were_rewritten_is_put_back_after_the_same_words_elsewhere()
    {
        var edited = Stored with { Body = "Phấn đấu 06 trường đạt chuẩn quốc gia.\nCăn cứ kế hoạch năm học 2023." , FootnoteMarks = [] };

        var result = FootnoteMarks.Reconcile(Stored, edited);

        Assert.Equal("Phấn đấu 06 trường² đạt chuẩn quốc gia.\nCăn cứ kế hoạch năm học 2023¹.", FootnoteMarks.Inline(result.Body, result.FootnoteMarks));
    }

    [Fact]
    public void A_mark_whose_words_are_gone_is_reported_not_dropped_nor_misplaced()
    {
        var edited = Stored with { Body = "Căn cứ kế hoạch năm học 2023.\nPhấn đấu các đơn vị đạt chuẩn, 100% giáo viên đạt chuẩn.", FootnoteMarks = [] };

        var e = Assert.Throws<WorkflowException>(() => FootnoteMarks.Reconcile(Stored, edited));

        Assert.Equal("fields.footnoteMarks[1]", e.Field);
        Assert.StartsWith("Dấu chú thích 2 đứng sau “Phấn đấu 06 trường”, nhưng đoạn này đã bị sửa", e.Message);
    }

    [Fact]
    public void A_word_grown_at_the_mark_does_not_carry_the_mark_into_its_middle()
    {
        var edited = Stored with { Body = Body.Replace("2023.", "2023-2024.", StringComparison.Ordinal), FootnoteMarks = [] };

        var e = Assert.Throws<WorkflowException>(() => FootnoteMarks.Reconcile(Stored, edited));

        Assert.Equal("fields.footnoteMarks[0]", e.Field);
    }

    [Theory]
    [InlineData("3", 5, "fields.footnoteMarks[0].marker")]
    [InlineData("1", 0, "fields.footnoteMarks[0].offset")]
    [InlineData("1", 7, "fields.footnoteMarks[0].offset")]
    [InlineData("1", 10_000, "fields.footnoteMarks[0].offset")]
    public void A_mark_sent_with_an_unknown_footnote_or_a_place_outside_a_word_is_refused_naming_it(string marker, int offset, string field)
    {
        var e = Assert.Throws<WorkflowException>(() => FootnoteMarks.Validate(Stored with { FootnoteMarks = [new PlanFootnoteMark(marker, offset)] }));

        Assert.Equal((field, ErrorKind.Invalid), (e.Field, e.Kind));
    }

    [Fact]
    public void Marks_sent_out_of_order_are_stored_in_body_order_and_a_second_mark_of_a_footnote_is_refused()
    {
        var sorted = FootnoteMarks.Validate(Stored with { FootnoteMarks = [.. Stored.FootnoteMarks.Reverse()] });
        Assert.Equal(Stored.FootnoteMarks, sorted.FootnoteMarks);

        var e = Assert.Throws<WorkflowException>(() => FootnoteMarks.Validate(Stored with { FootnoteMarks = [.. Stored.FootnoteMarks, new PlanFootnoteMark("1", 3)] }));
        Assert.Equal("fields.footnoteMarks[2].marker", e.Field);
    }
}
