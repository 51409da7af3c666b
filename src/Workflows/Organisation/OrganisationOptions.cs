namespace Workflows.Organisation;

/// <summary>Configuration section <c>Workflows:IssuingBodies</c>: the bodies served by this installation.</summary>
public sealed class OrganisationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Workflows";

    /// <summary>The issuing bodies, by code.</summary>
    public List<IssuingBody> IssuingBodies { get; set; } = [];

    /// <summary>Configuration <c>Workflows:Roles</c>: roles added to, or changing, the five defaults (see <see cref="RoleCatalog"/>).</summary>
    public List<RoleDefinition> Roles { get; set; } = [];

    /// <summary>The body with <paramref name="code"/>.</summary>
    /// <exception cref="InvalidOperationException">No body is configured with that code.</exception>
    public IssuingBody Body(string code) =>
        IssuingBodies.FirstOrDefault(b => b.Code == code)
        ?? throw new InvalidOperationException($"No issuing body with code '{code}' is configured under Workflows:IssuingBodies.");
}
