using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Workflows.IntegrationTests.Submissions;

namespace Workflows.IntegrationTests.Security;

/// <summary>A school's <c>.zip</c> is looked into before it is accepted; each refusal says why, in Vietnamese, next to the file field.</summary>
public sealed partial class ZipUploadTests(SubmissionFixture fixture) : IClassFixture<SubmissionFixture>
{
    private async Task<(SchoolClient.Page Page, RequestRow School)> SubmitAsync(string name, byte[] zip)
    {
        fixture.App.Clock.AdjustTime(SubmissionFixture.Start.ToUniversalTime());
        var school = await fixture.NewSchoolAsync();
        var page = await new SchoolClient(fixture.App).SubmitAsync(school.Token, null, (name, zip));
        return (page, school);
    }

    private async Task AssertRefusedAsync(byte[] zip, string reason)
    {
        var (page, school) = await SubmitAsync("Báo cáo tháng 3.zip", zip);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        var error = FieldError().Match(page.Html);
        Assert.True(error.Success, page.Html);
        Assert.Contains("“Báo cáo tháng 3.zip”", error.Groups[1].Value);
        Assert.Contains(reason, error.Groups[1].Value);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(fixture.App.ConnectionString, school.RequestId));
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in members)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        return stream.ToArray();
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Báo cáo\n%%EOF\n");

    [Fact]
    public async Task A_zip_of_report_files_and_a_spreadsheet_is_accepted()
    {
        var (page, school) = await SubmitAsync("Báo cáo tháng 3.zip", Zip(("bao-cao.pdf", Pdf), ("so-lieu/bang.xlsx", Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("xl/workbook.xml", "<workbook/>"u8.ToArray())))));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(1, await ReportingRows.SubmissionCountAsync(fixture.App.ConnectionString, school.RequestId));
    }

    [Fact]
    public async Task A_zip_with_more_than_a_thousand_members_is_refused()
    {
        var members = Enumerable.Range(1, 1001).Select(i => ($"trang-{i}.pdf", Pdf)).ToArray();
        await AssertRefusedAsync(Zip(members), "1001 tệp bên trong, quá giới hạn 1000");
    }

    [Fact]
    public async Task A_zip_that_would_expand_far_beyond_its_size_is_refused_as_a_zip_bomb()
    {
        await AssertRefusedAsync(Zip(("so-lieu.pdf", [.. Pdf, .. new byte[40 * 1024 * 1024]])), "bom nén");
    }

    [Fact]
    public async Task A_zip_inside_the_zip_is_refused_even_when_renamed()
    {
        await AssertRefusedAsync(Zip(("bao-cao.pdf", Pdf), ("phu-luc.zip", Zip(("a.pdf", Pdf)))), "chứa một tệp nén khác (“phu-luc.zip”)");
        await AssertRefusedAsync(Zip(("phu-luc.pdf", Zip(("a.pdf", Pdf)))), "chứa một tệp nén khác (“phu-luc.pdf”)");
    }

    [Fact]
    public async Task A_program_inside_the_zip_is_refused_by_its_name_or_its_content()
    {
        await AssertRefusedAsync(Zip(("bao-cao.pdf", Pdf), ("cai-dat.exe", "MZ\u0090\0"u8.ToArray())), "“cai-dat.exe” là tệp chương trình");
        await AssertRefusedAsync(Zip(("bang-diem.pdf", "MZ\u0090\0 this program"u8.ToArray())), "“bang-diem.pdf” là tệp chương trình hoặc mã lệnh (dù tên là .pdf)");
        await AssertRefusedAsync(Zip(("chay.pdf", "#!/bin/sh\nrm -rf /\n"u8.ToArray())), "“chay.pdf” là tệp chương trình");
    }

    [Fact]
    public async Task A_zip_member_whose_path_climbs_out_of_its_folder_is_refused()
    {
        await AssertRefusedAsync(Zip(("../../etc/cron.d/x.pdf", Pdf)), "ra ngoài thư mục giải nén");
    }

    [GeneratedRegex("<p class=\"field-error\" id=\"files-error\">([^<]*)</p>")]
    private static partial Regex FieldError();
}
