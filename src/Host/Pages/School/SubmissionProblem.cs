namespace Workflows.Host.Pages.School;

/// <summary>Why a school's upload was not taken, when the link itself is fine.</summary>
public enum SubmissionProblem
{
    /// <summary>Nothing went wrong.</summary>
    None,

    /// <summary>The body or the files exceed <c>Workflows:Reporting:MaxUploadBytes</c> (413).</summary>
    TooLarge,

    /// <summary>The form's antiforgery token is missing or stale (400): reload the page.</summary>
    FormExpired,

    /// <summary>Not a multipart form, or an unreadable one (400).</summary>
    BadForm,

    /// <summary>A field is wrong (no file, a refused file, too long a note): shown next to the field (422).</summary>
    Invalid,
}
