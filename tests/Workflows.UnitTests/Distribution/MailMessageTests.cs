using System.Text;
using MimeKit;
using Workflows.Distribution.Mail;
using Workflows.Host.Ui;
using Workflows.Reporting;

namespace Workflows.UnitTests.Distribution;

public sealed class MailMessageTests
{
    [Fact]
    public void A_school_s_submission_link_alone_on_its_line_becomes_a_button_and_the_deadline_label_shows_in_bold()
    {
        var link = ReportTokens.Link("https://baocao.example.vn", "abcDEF123_-xyz");
        var html = MailHtml.Render("Đề nghị gửi báo cáo", $"Kính gửi: Trường A\n\n- Hạn gửi: trước 24 giờ 00 ngày 15/12/2026\n\nNộp tại:\n{link}\n");
        Assert.Contains($"<a href=\"{link}\" style=\"display:inline-block;", html);
        Assert.Contains(">Mở trang nộp báo cáo</a>", html);
        Assert.Contains("<strong>Hạn gửi:</strong> trước 24 giờ 00 ngày 15/12/2026", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Contains("max-width:600px", html);
    }

    [Fact]
    public void The_HTML_says_only_what_the_text_says_with_markup_in_the_text_escaped()
    {
        var html = MailHtml.Render("<b>Tiêu đề</b>", "Trường <script>alert(1)</script> & \"bạn\"\nXem https://example.vn/a?b=1&c=2.");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("Trường &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;bạn&quot;<br>", html);
        Assert.Contains("<a href=\"https://example.vn/a?b=1&amp;c=2\"", html);
        Assert.Contains("c=2</a>.", html);
    }

    [Fact]
    public void A_built_message_read_back_by_the_dev_mail_preview_decodes_names_subject_text_and_attachment()
    {
        var mail = new OutgoingMail("<abc@workflows.local>", "truong@uongbi.example.org", "Trường Mầm non Hoa Sen", "[82/KH-PGDĐT] Kế hoạch năm học", "Kính gửi: Trường Mầm non Hoa Sen\n\nNội dung.\n")
        {
            Attachments = [new MailAttachment("Kế hoạch 82.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF"))],
            ReplyTo = "vanthu@pgddt.uongbi.example.org",
        };
        var message = MailMessageBuilder.Build(mail, "\"Phòng GDĐT Uông Bí\" <vanthu@pgddt.uongbi.example.org>", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(7)));
        using var stream = new MemoryStream();
        message.WriteTo(MailMessageBuilder.Format, stream);
        var raw = Encoding.ASCII.GetString(stream.ToArray());
        Assert.DoesNotContain("Kế hoạch", raw); // every header and part is 7-bit: encoded words, quoted-printable, base64
        Assert.Contains("Auto-Submitted: auto-generated", raw);

        stream.Position = 0;
        var preview = EmlPreview.Of(MimeMessage.Load(stream));
        Assert.Equal("[82/KH-PGDĐT] Kế hoạch năm học", preview.Subject);
        Assert.Contains("Trường Mầm non Hoa Sen", preview.To);
        Assert.Contains("Phòng GDĐT Uông Bí", preview.From);
        Assert.Contains("vanthu@pgddt.uongbi.example.org", preview.ReplyTo);
        Assert.Equal(["Kế hoạch 82.pdf"], preview.Attachments);
        Assert.StartsWith("Kính gửi: Trường Mầm non Hoa Sen", preview.Body);
        Assert.True(preview.HasHtml);
    }

    [Fact]
    public void A_message_with_its_parts_encoded_in_advance_is_written_byte_for_byte_as_MimeKit_encodes_it_when_writing()
    {
        var pdf = new byte[5000];
        new Random(7).NextBytes(pdf);
        var text = "Kính gửi: Trường Mầm non Hoa Sen\n\n" + string.Concat(Enumerable.Repeat("Đề nghị đơn vị gửi báo cáo đúng hạn = 100% số liệu; ", 12))
            + "\nhttps://baocao.example.vn/nop-bao-cao/AbCdEf0123456789\n\t tab, trailing space \n";
        var mail = new OutgoingMail("<abc@workflows.local>", "truong@uongbi.example.org", "Trường Mầm non Hoa Sen", "[82/KH-PGDĐT] Kế hoạch năm học", text)
        {
            Attachments = [new MailAttachment("Kế hoạch 82.pdf", "application/pdf", pdf)],
        };
        var message = MailMessageBuilder.Build(mail, "vanthu@pgddt.uongbi.example.org", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(7)));
        var built = Write(message);

        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            using var decoded = new MemoryStream();
            part.Content!.DecodeTo(decoded);
            part.Content = new MimeContent(new MemoryStream(decoded.ToArray())); // unencoded: MimeKit encodes while writing
        }
        Assert.Equal(Encoding.ASCII.GetString(Write(message)), Encoding.ASCII.GetString(built));
        Assert.Equal(pdf, Decoded(MimeMessage.Load(new MemoryStream(built)).Attachments.OfType<MimePart>().Single()));

        static byte[] Write(MimeMessage m)
        {
            using var stream = new MemoryStream();
            m.WriteTo(MailMessageBuilder.Format, stream);
            return stream.ToArray();
        }
        static byte[] Decoded(MimePart part)
        {
            using var stream = new MemoryStream();
            part.Content!.DecodeTo(stream);
            return stream.ToArray();
        }
    }

    [Theory]
    [InlineData("vanthu@example.org", true)]
    [InlineData("a", false)]
    [InlineData("a@", false)]
    [InlineData("@example.org", false)]
    [InlineData("Tên <a@example.org>", false)]
    [InlineData("a@example.org, b@example.org", false)]
    public void A_directory_address_is_one_bare_address_with_a_domain(string email, bool valid) =>
        Assert.Equal(valid, MailAddresses.IsPlainAddress(email));
}
