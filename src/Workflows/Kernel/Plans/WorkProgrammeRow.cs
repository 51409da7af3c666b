namespace Workflows.Kernel.Plans;

/// <summary>One task row of the CHƯƠNG TRÌNH CÔNG TÁC table.</summary>
/// <param name="Period">The current group heading ("Quý I/2023"), or null before any heading.</param>
/// <param name="Task">The task (Nội dung công việc), markup removed.</param>
/// <param name="Lead">The leading unit (Chủ trì tham mưu), or null.</param>
public sealed record WorkProgrammeRow(string? Period, string Task, string? Lead);
