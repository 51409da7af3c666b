using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Issuance;
using Workflows.Kernel;

namespace Workflows.Host.Pages;

/// <summary>
/// The clerk's outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020, Điều 16): one year's numbered documents,
/// newest number first, searched by number, symbol or subject and paged by PostgreSQL (<see cref="OutgoingRegister.SearchAsync"/>,
/// as <c>GET /api/register/search</c>), with the year's exports and a link to each plan. Anyone who does not keep the
/// register (<see cref="OutgoingRegister.MayRead"/>) gets the 403 page.
/// </summary>
internal sealed class SoVanBanDiModel(OutgoingRegister register, TimeProvider clock) : UiPage
{
    /// <summary>Entries per page.</summary>
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "nam")] public int? Nam { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    /// <summary>This year in Vietnam: the register shown when no year is asked.</summary>
    public int ThisYear { get; private set; }

    /// <summary>The page of the register shown (empty when the year was refused).</summary>
    public RegisterPage Result { get; private set; } = new([], 0, 1, PageSize, 0, []);

    /// <summary>The years offered: those with entries and this year, newest first.</summary>
    public IReadOnlyList<int> Years => [.. Result.Years.Append(ThisYear).Append(Result.Year).Where(y => y > 0).Distinct().OrderDescending()];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ThisYear = VietnamTime.Today(clock).Year;
        var year = ModelState.IsValid ? Nam ?? ThisYear : ThisYear; // an unreadable year is said next to the year (ModelState["nam"])
        try
        {
            Result = await register.SearchAsync(Actor, new RegisterSearch(year, Q, Trang, PageSize), ct);
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            Result = new RegisterPage([], 0, 1, PageSize, ThisYear, []);
        }
    }

    /// <summary>The link to this register with the same year and search, at <paramref name="page"/>.</summary>
    public string Link(int page) => "/so-van-ban-di" + Query(("nam", Nam?.ToString(CultureInfo.InvariantCulture)), ("q", Q),
        ("trang", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The export of the year shown, with the same search, in <paramref name="format"/> (<c>csv</c> or <c>xlsx</c>).</summary>
    public string Export(string format) => $"/api/register.{format}" + Query(("year", Result.Year.ToString(CultureInfo.InvariantCulture)), ("q", Q));

    private static string Query(params (string Key, string? Value)[] pairs) =>
        QueryString.Create(pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value))).ToUriComponent();
}
