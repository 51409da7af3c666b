using System.Text.Json;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Reading;

namespace Workflows.UnitTests.Plans;

public sealed class PlanFieldsJsonTests
{
    public static TheoryData<string> SeedPlans => new() { "uongbi-2020-82-KH-PGDDT.txt", "uongbi-2023-95-KH-PGDDT.txt", "bache-2021-ke-hoach-hanh-dong.txt" };

    [Theory]
    [MemberData(nameof(SeedPlans))]
    public void The_fields_read_from_a_seed_plan_come_back_identical_from_their_json(string fileName)
    {
        var read = new PlanReader().Read(File.ReadAllBytes(RepositoryPaths.Plan(fileName)), fileName);

        var back = PlanFieldsJson.Parse(JsonDocument.Parse(PlanFieldsJson.Serialize(read)).RootElement);

        Assert.Equivalent(read, back, strict: true);
        Assert.Equal(PlanFieldsJson.Serialize(read), PlanFieldsJson.Serialize(back));
    }

    [Fact]
    public void Fields_written_the_older_ways_are_still_read()
    {
        var fields = PlanFieldsJson.Parse(JsonDocument.Parse("""
            {
              "recipients": ["Sở GD&ĐT Quảng Ninh (b/c);", { "name": "Các trường học trực thuộc", "purpose": "t/h" }, { "name": "VT", "kind": "archive" }],
              "reportingDuties": [{ "frequency": "half_yearly", "dueDay": "20", "target": "Các trường học trực thuộc", "text": "Báo cáo 6 tháng" }],
              "issuer": null, "warnings": null
            }
            """).RootElement);

        Assert.Equal(
            ["Sở GD&ĐT Quảng Ninh (b/c); |  | External", "Các trường học trực thuộc | t/h | External", "VT |  | Archive"],
            fields.Recipients.Select(r => $"{r.Name} | {string.Join(",", r.Purpose)} | {r.Kind}"));
        var duty = Assert.Single(fields.ReportingDuties);
        Assert.Equal((ReportingFrequency.HalfYearly, 20, "Các trường học trực thuộc"), (duty.Frequency, duty.DueDay, duty.Target?.Group));
        Assert.True(duty.IsScheduled);
        Assert.Equal(new PlanIssuer(null, null), fields.Issuer);
        Assert.Empty(fields.Warnings);
        Assert.Equal("", fields.Body);
    }

    [Fact]
    public void A_duty_completed_by_the_drafter_keeps_its_schedule_and_the_reader_s_duty_stays_without_those_members()
    {
        var completed = new ReportingDuty("Các trường", "Phòng GDĐT", ReportingFrequency.Once, null, null, 2026, "Báo cáo trước ngày 20/5/2026")
        {
            DueDate = new DateOnly(2026, 5, 20),
            Target = new ReportingTarget(EntryIds: [Guid.Parse("0b8a3b2e-4a52-4a53-9d67-3f6f1c7f5a10")]),
            Schedule = false,
        };

        var json = PlanFieldsJson.Serialize(new PlanFields { ReportingDuties = [completed, completed with { DueDate = null, Target = null, Schedule = null }] });

        using var document = JsonDocument.Parse(json);
        var duties = document.RootElement.GetProperty("reportingDuties");
        Assert.Equal("2026-05-20", duties[0].GetProperty("dueDate").GetString());
        Assert.Equal("once", duties[0].GetProperty("frequency").GetString());
        Assert.False(duties[0].GetProperty("schedule").GetBoolean());
        Assert.False(duties[1].TryGetProperty("dueDate", out _));
        Assert.False(duties[1].TryGetProperty("schedule", out _));
        var back = PlanFieldsJson.Parse(document.RootElement);
        Assert.Equivalent(completed, back.ReportingDuties[0], strict: true);
        Assert.False(back.ReportingDuties[0].IsScheduled);
    }

    [Theory]
    [InlineData("""[1, 2]""", "fields phải là một đối tượng JSON.")]
    [InlineData("""{ "reportingDuties": [{ "dueDay": "ngày 15" }] }""", "fields.reportingDuties[0].dueDay")]
    [InlineData("""{ "reportingDuties": [{ "frequency": "weekly" }] }""", "tần suất phải là monthly")]
    [InlineData("""{ "recipients": [{ "name": "Sở GD&ĐT", "kind": "cc" }] }""", "kind 'cc' không hợp lệ")]
    [InlineData("""{ "recipients": "Sở GD&ĐT" }""", "fields.recipients")]
    public void Bad_fields_are_refused_in_vietnamese_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<WorkflowException>(() => PlanFieldsJson.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal((ErrorKind.Invalid, "fields"), (error.Kind, error.Field));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_bad_duty_is_refused_naming_the_member_of_that_duty()
    {
        var error = Assert.Throws<WorkflowException>(() =>
            PlanFieldsJson.ParseDuty(JsonDocument.Parse("""{ "frequency": "monthly", "months": "3, 6" }""").RootElement, "reportingDuties[2]"));

        Assert.Equal((ErrorKind.Invalid, "reportingDuties[2].months"), (error.Kind, error.Field));
        Assert.Contains("sai kiểu", error.Message);
    }
}
