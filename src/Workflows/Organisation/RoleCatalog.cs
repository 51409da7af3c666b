using System.Text.RegularExpressions;
using Workflows.Kernel;

namespace Workflows.Organisation;

/// <summary>
/// The roles of this installation: the five defaults of <see cref="Kernel.Roles"/> with the names and signing forms
/// below, changed or extended by configuration (<see cref="OrganisationOptions.Roles"/>). The one home of "which roles
/// exist": definitions are checked against it at start-up, accounts are given its roles, the UI shows its names.
/// </summary>
public sealed partial class RoleCatalog
{
    private readonly Dictionary<string, RoleDefinition> _roles = new(StringComparer.Ordinal);

    /// <summary>The default five (codes of <see cref="Kernel.Roles"/>): only <see cref="Kernel.Roles.Signer"/> signs, with every form.</summary>
    public static IReadOnlyList<RoleDefinition> Defaults { get; } =
    [
        new() { Code = Roles.Drafter, Name = Roles.DisplayName(Roles.Drafter) },
        new() { Code = Roles.Reviewer, Name = Roles.DisplayName(Roles.Reviewer) },
        new() { Code = Roles.Signer, Name = Roles.DisplayName(Roles.Signer), SigningForms = ["direct", "KT.", "TM.", "TL.", "TUQ.", "Q."] },
        new() { Code = Roles.Clerk, Name = Roles.DisplayName(Roles.Clerk) },
        new() { Code = Roles.Admin, Name = Roles.DisplayName(Roles.Admin) },
    ];

    /// <summary>Builds the catalog from the defaults and <paramref name="configured"/>.</summary>
    /// <exception cref="WorkflowDefinitionSettingsException">A configured role has no code, a bad code, no name, or an unknown signing form.</exception>
    public RoleCatalog(IEnumerable<RoleDefinition> configured)
    {
        foreach (var role in Defaults) _roles[role.Code] = role;
        var index = 0;
        foreach (var role in configured)
        {
            var path = $"Workflows:Roles:{index++}";
            if (string.IsNullOrWhiteSpace(role.Code) || !CodePattern().IsMatch(role.Code))
                throw new WorkflowDefinitionSettingsException(path + ":Code", $"'{role.Code}' is not a role code (letters and digits, starting with a letter)");
            if (string.IsNullOrWhiteSpace(role.Name) && !_roles.ContainsKey(role.Code))
                throw new WorkflowDefinitionSettingsException(path + ":Name", "a role needs its Vietnamese name");
            foreach (var form in role.SigningForms)
            {
                if (!new[] { "direct", "KT.", "TM.", "TL.", "TUQ.", "Q." }.Contains(form, StringComparer.Ordinal))
                    throw new WorkflowDefinitionSettingsException(path + ":SigningForms", $"'{form}' is not one of direct, KT., TM., TL., TUQ., Q.");
            }
            if (string.IsNullOrWhiteSpace(role.Name)) role.Name = _roles[role.Code].Name;
            _roles[role.Code] = role;
        }
    }

    /// <summary>Every role, defaults first, then the configured ones in order.</summary>
    public IReadOnlyCollection<RoleDefinition> All => _roles.Values;

    /// <summary>Every role code.</summary>
    public IReadOnlyCollection<string> Codes => _roles.Keys;

    /// <summary>True when <paramref name="code"/> is a role of the installation.</summary>
    public bool Contains(string code) => _roles.ContainsKey(code);

    /// <summary>The Vietnamese name of <paramref name="code"/>; the code itself when unknown.</summary>
    public string NameOf(string code) => _roles.TryGetValue(code, out var role) ? role.Name : code;

    /// <summary>The roles <paramref name="bodyCode"/> has (those without bodies, and those naming it).</summary>
    public IEnumerable<RoleDefinition> ForBody(string bodyCode) =>
        _roles.Values.Where(r => r.Bodies.Count == 0 || r.Bodies.Contains(bodyCode, StringComparer.Ordinal));

    /// <summary>The signing forms holders of <paramref name="code"/> may use (empty for an unknown role or one that does not sign).</summary>
    public IReadOnlyList<string> SigningFormsOf(string code) => _roles.TryGetValue(code, out var role) ? role.SigningForms : [];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex CodePattern();
}
