using System.Text;
using Microsoft.AspNetCore.Mvc;
using Workflows.Definitions;
using Workflows.Host.Ui;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>The workflow definitions in use, every stored version, and the check of an uploaded file with its errors (JSON path and reason).</summary>
internal sealed class QuyTrinhModel(WorkflowDefinitionCatalog catalog, WorkflowDefinitionParser parser, DefinitionQueries queries,
    Workflows.Definitions.Diagrams.WorkflowDiagrams diagrams, Workflows.Engine.WorkflowEngine engine) : UiPage
{
    /// <summary>The outcome of the last migration (one line per running instance), or null.</summary>
    public IReadOnlyList<Workflows.Engine.MigrationResult>? Migrated { get; private set; }

    /// <summary>The current version of definition <paramref name="id"/>, or null.</summary>
    public int? CurrentVersion(string id) => Current.FirstOrDefault(d => d.Id == id)?.Version;

    /// <summary>Moves the running instances of version <paramref name="version"/> of <paramref name="id"/> to the current version.</summary>
    public async Task<IActionResult> OnPostChuyenAsync(string id, int version, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (CurrentVersion(id) is { } current)
        {
            try
            {
                Migrated = await engine.MigrateAsync(id, version, current, Actor, ct);
            }
            catch (Workflows.Kernel.WorkflowException e) when (e.Kind == Workflows.Kernel.ErrorKind.Invalid)
            {
                ModelState.AddModelError("", e.Message);
            }
        }
        return Page();
    }

    /// <summary>Largest definition file checked, in bytes (1 MB).</summary>
    private const int MaxBytes = 1024 * 1024;

    [BindProperty] public IFormFile? Tep { get; set; }

    public IReadOnlyList<WorkflowDefinition> Current { get; private set; } = [];
    public IReadOnlyList<(string Id, int Version, string? SourceFile)> Versions { get; private set; } = [];
    public WorkflowDefinition? Valid { get; private set; }
    public WorkflowDefinitionException? Invalid { get; private set; }

    /// <summary>The diagram (inline SVG) of each current definition, by id.</summary>
    public IReadOnlyDictionary<string, string> Diagrams { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Tep is null || Tep.Length == 0) ModelState.AddModelError(nameof(Tep), "Cần chọn tệp JSON.");
        else if (Tep.Length > MaxBytes) ModelState.AddModelError(nameof(Tep), "Tệp lớn hơn 1 MB.");
        else
        {
            try
            {
                using var reader = new StreamReader(Tep.OpenReadStream(), new UTF8Encoding(false, true));
                Valid = parser.Parse(await reader.ReadToEndAsync(ct), Path.GetFileName(Tep.FileName));
            }
            catch (WorkflowDefinitionException e)
            {
                Invalid = e;
            }
            catch (DecoderFallbackException)
            {
                ModelState.AddModelError(nameof(Tep), "Tệp không phải văn bản UTF-8.");
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = catalog.Current.OrderBy(d => d.Id).ToList();
        Versions = await queries.VersionsAsync(ct);
        var drawn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in Current) drawn[definition.Id] = await diagrams.DefinitionAsync(definition.Id, definition.Version, ct);
        Diagrams = drawn;
    }
}
