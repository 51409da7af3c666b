using Microsoft.AspNetCore.Mvc;
using Workflows.Calendar;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>The days off of one year: computed by rule (Bộ luật Lao động 2019, Điều 112) and announced by the government, and swapped working Saturdays.</summary>
internal sealed class LichNghiModel(VietnamWorkingCalendar calendar, TimeProvider clock) : UiPage
{
    [BindProperty(SupportsGet = true)] public int? Nam { get; set; }

    public IReadOnlyList<DayOff> DaysOff { get; private set; } = [];
    public IReadOnlyList<AnnouncedDay> WorkingDays { get; private set; } = [];
    public AnnouncedYear? Announced { get; private set; }
    public string? YearError { get; private set; }

    public void OnGet()
    {
        if (Nam is not (>= 1901 and <= 2099))
        {
            if (Nam is not null) YearError = "Năm phải từ 1901 đến 2099.";
            Nam = VietnamTime.Today(clock).Year;
        }
        DaysOff = calendar.DaysOff(Nam.Value);
        WorkingDays = calendar.SwappedWorkingDays(Nam.Value);
        Announced = calendar.Announced(Nam.Value);
    }
}
