using Workflows.Distribution;

namespace Workflows.UnitTests.Distribution;

public sealed class RecipientTextTests
{
    [Theory]
    [InlineData("Sở GD&ĐT Quảng Ninh", "Sở Giáo dục và Đào tạo Quảng Ninh")]
    [InlineData("Sở GDĐT Quảng Ninh", "so gd-dt quang ninh")]
    [InlineData("- UBND Thành phố;", "Ủy ban nhân dân thành phố")]
    [InlineData("Cổng TTĐT ngành", "Cong Thong tin dien tu nganh")]
    [InlineData("Sở GD&ĐT (b/c);", "SỞ GDĐT")]
    public void Ways_of_writing_one_body_normalise_alike(string a, string b) =>
        Assert.Equal(RecipientText.Normalise(a), RecipientText.Normalise(b));

    [Fact]
    public void Purpose_brackets_become_the_purpose_phrases() =>
        Assert.Equal("để theo dõi, để tham mưu", RecipientResolver.Purpose(RecipientText.BracketPurposes("- CM phòng (t/d, t/m);")));

    [Fact]
    public void A_line_without_purpose_is_sent_to_know() => Assert.Equal("để biết", RecipientResolver.Purpose([]));

    [Fact]
    public void Archive_lines_are_recognised() => Assert.True(RecipientText.IsArchive("- Lưu: VT, TĐ-TH."));
}
