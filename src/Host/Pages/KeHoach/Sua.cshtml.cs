using Microsoft.AspNetCore.Mvc;
using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The drafter's form over every extracted field (recipients, signer, reporting duties, warnings): save, submit,
/// and after a return the leader's comment beside the form. Only the plan's drafter may change it.
/// </summary>
internal sealed class SuaModel(PlanStore store, WorkflowEngine engine, Workflows.Host.Identity.PeopleNames people,
    Workflows.Definitions.WorkflowDefinitionCatalog catalog) : UiPage
{
    [BindProperty] public PlanForm Form { get; set; } = new();

    /// <summary>The definition the drafter picked (<c>definitionId</c> of the submission, as in <c>POST /api/plans/{id}/submit</c>); null: the rule's only one.</summary>
    [BindProperty] public string? DefinitionId { get; set; }

    /// <summary>The definitions to choose among on the first submission, when the configured rule allows several; else empty.</summary>
    public IReadOnlyList<Workflows.Definitions.WorkflowDefinition> Choices { get; private set; } = [];

    public PlanRecord Plan { get; private set; } = null!;
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public HistoryEntry? ReturnComment { get; private set; }

    /// <summary>Who returned the plan, in words ("Trần Nam Hải, Trưởng phòng").</summary>
    public string? ReturnedBy { get; private set; }
    public bool Editable { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool luu, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Plan.CreatedBy != Actor.UserName) return Redirect($"/ke-hoach/{id}");
        Form = PlanForm.From(Plan);
        Saved = luu;
        return Page();
    }

    public async Task<IActionResult> OnPostLuuAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await SaveAsync(id, ct);
            return Redirect($"/ke-hoach/{id}/sua?luu=true");
        }
        catch (WorkflowException e) when (IsFields(e.Field) ? ShowError(new WorkflowException(e.Kind, e.Message)) : ShowError(e, nameof(Form)))
        {
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostTrinhAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await SaveAsync(id, ct);
            await engine.SubmitAsync(id, string.IsNullOrWhiteSpace(DefinitionId) ? null : DefinitionId, Actor, ct);
            return Redirect($"/ke-hoach/{id}?trinh=1");
        }
        catch (WorkflowException e) when (e.Field switch
        {
            var field when IsFields(field) => ShowError(new WorkflowException(e.Kind, e.Message)),
            "definitionId" => ShowError(e),
            _ => ShowError(e, nameof(Form)),
        })
        {
            await LoadAsync(id, ct);
            return Page();
        }
    }

    /// <summary>An error of the stored fields as a whole or of one of their members (<c>fields.footnoteMarks[0]</c>), shown above the form.</summary>
    private static bool IsFields(string? field) => field == "fields" || field?.StartsWith("fields.", StringComparison.Ordinal) == true;

    private async Task SaveAsync(Guid id, CancellationToken ct)
    {
        var plan = await store.GetAsync(id, Actor, ct);
        await store.UpdateAsync(id, Form.Subject ?? "", Form.DocumentType, Form.ToFields(plan.Fields), Actor, ct);
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await store.GetAsync(id, Actor, ct);
        Warnings = Plan.Fields.Warnings;
        Editable = Plan.CreatedBy == Actor.UserName && Plan.Status is PlanStatus.Draft or PlanStatus.Returned;
        Choices = Editable && Plan.Status == PlanStatus.Draft ? catalog.ChoicesFor(Plan.BodyCode, Plan.DocumentType) : [];
        ReturnComment = (await store.HistoryAsync(id, ct)).LastOrDefault(h => h.Outcome == "return" && h.Comment is not null);
        if (ReturnComment is not null) ReturnedBy = (await people.NamesAsync([ReturnComment.Who], ct))[ReturnComment.Who];
    }
}
