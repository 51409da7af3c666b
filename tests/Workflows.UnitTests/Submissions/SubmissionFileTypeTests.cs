using Workflows.Reporting.Submissions;

namespace Workflows.UnitTests.Submissions;

public sealed class SubmissionFileTypeTests
{
    [Theory]
    [InlineData("bao-cao.pdf", "pdf", SubmissionFileTypes.Pdf)]
    [InlineData("Báo cáo tháng 3.DOCX", "docx", SubmissionFileTypes.Docx)]
    [InlineData("so-lieu.xlsx", "xlsx", SubmissionFileTypes.Xlsx)]
    [InlineData("ho-so.zip", "zip", SubmissionFileTypes.Zip)]
    [InlineData("ho-so.zip", "docx", SubmissionFileTypes.Zip)]
    public void Report_files_whose_content_matches_their_name_are_accepted(string name, string kind, string mediaType)
    {
        var result = SubmissionFileTypes.Check(name, Content(kind));
        Assert.True(result.Accepted, result.Error);
        Assert.Equal(mediaType, result.MediaType);
    }

    [Theory]
    [InlineData("bao-cao.pdf", "exe", "tệp chương trình")]
    [InlineData("bao-cao.docx", "exe", "tệp chương trình")]
    [InlineData("so-lieu.zip", "elf", "tệp chương trình")]
    [InlineData("bao-cao.pdf", "script", "tệp chương trình")]
    [InlineData("setup.exe", "pdf", "Chỉ nhận tệp .docx, .xlsx, .pdf hoặc .zip")]
    [InlineData("bao-cao.txt", "pdf", "Chỉ nhận tệp .docx, .xlsx, .pdf hoặc .zip")]
    [InlineData("so-lieu.xlsx", "docx", "nội dung là tài liệu Word (.docx)")]
    [InlineData("bao-cao.docx", "pdf", "nội dung là tệp PDF")]
    [InlineData("bao-cao.docx", "zip", "nội dung là tệp nén ZIP")]
    [InlineData("bao-cao.pdf", "text", "không phải tệp PDF hợp lệ")]
    [InlineData("bao-cao.pdf", "empty", "rỗng")]
    public void Programs_and_files_whose_content_does_not_match_their_name_are_refused_with_a_reason(string name, string kind, string reason)
    {
        var result = SubmissionFileTypes.Check(name, Content(kind));
        Assert.False(result.Accepted);
        Assert.Null(result.MediaType);
        Assert.Contains(reason, result.Error);
        Assert.Contains(Path.GetFileName(name), result.Error);
    }

    [Fact]
    public void A_broken_zip_named_docx_is_refused()
    {
        var bytes = SampleFiles.Docx()[..40];
        Assert.Contains("không phải tệp DOCX hợp lệ", SubmissionFileTypes.Check("bao-cao.docx", bytes).Error);
    }

    private static byte[] Content(string kind) => kind switch
    {
        "pdf" => SampleFiles.Pdf(),
        "docx" => SampleFiles.Docx(),
        "xlsx" => SampleFiles.Xlsx(),
        "zip" => SampleFiles.Zip(),
        "exe" => SampleFiles.Executable(),
        "elf" => SampleFiles.Elf(),
        "script" => SampleFiles.Script(),
        "text" => "Báo cáo số liệu"u8.ToArray(),
        _ => [],
    };
}
