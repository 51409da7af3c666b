using Microsoft.AspNetCore.Identity;

namespace Workflows.Host.Identity;

/// <summary>A person who signs in: an ASP.NET Core Identity user with the fields a signer block and the engine need.</summary>
internal sealed class WorkflowUser : IdentityUser
{
    /// <summary>Full name, e.g. "Trần Nam Hải".</summary>
    public string FullName { get; set; } = "";

    /// <summary>Job title, e.g. "PHÓ TRƯỞNG PHÒNG"; null when none.</summary>
    public string? Title { get; set; }

    /// <summary>Code of the issuing body the person works for, e.g. <c>PGDĐT</c>.</summary>
    public string BodyCode { get; set; } = "";
}
