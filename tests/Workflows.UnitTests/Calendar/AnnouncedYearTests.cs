using Workflows.Calendar;

namespace Workflows.UnitTests.Calendar;

public sealed class AnnouncedYearTests
{
    [Fact]
    public void A_well_formed_year_parses()
    {
        var year = AnnouncedYear.Parse("""
            { "year": 2027, "source": "Thông báo số 1/TB-BNV",
              "daysOff": [ { "date": "2027-02-05", "name": "Tết Nguyên đán" } ],
              "workingDays": [ { "date": "2027-02-20", "name": "Làm bù", "note": "thử" } ] }
            """);
        Assert.Equal(2027, year.Year);
        Assert.Equal(new DateOnly(2027, 2, 5), year.DaysOff.Single().Date);
        Assert.Equal("thử", year.WorkingDays.Single().Note);
    }

    [Theory]
    [InlineData("""{ "source": "x", "daysOff": [] }""", "year")]
    [InlineData("""{ "year": "2027", "source": "x", "daysOff": [] }""", "year")]
    [InlineData("""{ "year": 1800, "source": "x", "daysOff": [] }""", "year")]
    [InlineData("""{ "year": 2027, "daysOff": [] }""", "source")]
    [InlineData("""{ "year": 2027, "source": " ", "daysOff": [] }""", "source")]
    [InlineData("""{ "year": 2027, "source": "x" }""", "daysOff")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [ { "date": "2027-02-05", "name": "a" }, { "date": "05/02/2027", "name": "b" } ] }""", "daysOff[1].date")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [ { "date": "2026-02-05", "name": "a" } ] }""", "daysOff[0].date")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [ { "date": "2027-02-05" } ] }""", "daysOff[0].name")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [ { "date": "2027-02-05", "name": "a" }, { "date": "2027-02-05", "name": "b" } ] }""", "daysOff[1].date")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [], "workingDays": [ { "date": "2027-02-22", "name": "a Monday" } ] }""", "workingDays[0].date")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [], "dayOff": [] }""", "dayOff")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [ { "date": "2027-02-05", "name": "a", "kind": "Tết" } ] }""", "daysOff[0].kind")]
    [InlineData("""{ "year": 2027, "source": "x", "daysOff": [""", "$")]
    public void A_malformed_year_names_the_field(string json, string field)
    {
        var error = Assert.Throws<AnnouncedYearFormatException>(() => AnnouncedYear.Parse(json));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message);
    }

    [Fact]
    public void A_malformed_year_is_a_format_exception()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<AnnouncedYearFormatException>(() => AnnouncedYear.Parse("[]")));
    }

    [Fact]
    public void Every_shipped_year_parses_and_cites_its_source()
    {
        var years = AnnouncedYear.LoadShipped();
        Assert.Equal([2025, 2026], years.Select(y => y.Year));
        Assert.All(years, y => Assert.Contains("Thông báo", y.Source));
    }

    [Fact]
    public void The_same_year_given_twice_is_rejected()
    {
        var year = AnnouncedYear.LoadShipped()[0];
        Assert.Throws<ArgumentException>(() => new VietnamWorkingCalendar([year, year]));
    }
}
