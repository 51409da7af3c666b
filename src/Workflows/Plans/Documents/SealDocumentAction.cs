using Workflows.Engine;

namespace Workflows.Plans.Documents;

/// <summary>
/// Automatic action <c>sealDocument</c>, after <c>issueNumber</c>: the number and date go into the signed PDF and the
/// body signs it in place of its seal (<see cref="IssuedDocuments.SealAsync"/>); release then sends that PDF.
/// </summary>
internal sealed class SealDocumentAction(IssuedDocuments documents) : IStepAction
{
    public string Name => "sealDocument";

    public Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken) => documents.SealAsync(context, cancellationToken);
}
