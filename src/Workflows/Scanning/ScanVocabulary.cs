using Workflows.Organisation;
using Workflows.Reading;

namespace Workflows.Scanning;

/// <summary>The vocabulary a scan is checked against: <see cref="OcrVocabulary.Common"/> and the installation's
/// configured issuing bodies (<c>Workflows:IssuingBodies</c>: their names, parents, codes, places, head, deputy and
/// by-order titles and collectives).</summary>
public static class ScanVocabulary
{
    /// <summary>The vocabulary for <paramref name="today"/> (Vietnam civil date) and the configured bodies.</summary>
    public static OcrVocabulary For(OrganisationOptions organisation, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var bodies = organisation.IssuingBodies;
        return OcrVocabulary.Common(today).With(
            bodies.SelectMany(b => b.ByOrderTitles.Append(b.HeadTitle).Append(b.DeputyTitle)),
            bodies.Select(b => b.Collective ?? ""),
            bodies.Select(b => b.Name),
            bodies.Select(b => b.Code),
            bodies.Select(b => b.Place));
    }
}
