using Workflows.Engine;

namespace Workflows.Plans.Documents;

/// <summary>
/// Automatic action <c>signDocument</c>, right after the signer approves: the final draft becomes the PDF to be issued,
/// number and date blank, with the signer's digital signature (<see cref="IssuedDocuments.SignAsync"/>).
/// </summary>
internal sealed class SignDocumentAction(IssuedDocuments documents) : IStepAction
{
    public string Name => "signDocument";

    public Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken) => documents.SignAsync(context, cancellationToken);
}
