namespace Workflows.Organisation;

/// <summary>
/// One role of the installation (configuration <c>Workflows:Roles</c>, an array), e.g.
/// <c>{ "Code": "DeputyDirector", "Name": "Phó giám đốc phụ trách", "SigningForms": ["KT."], "Bodies": ["SGDĐT"] }</c>.
/// The five roles of <see cref="Kernel.Roles"/> are always defined (their codes never change: they are the Identity role
/// names); an entry with one of their codes changes its name, forms or bodies.
/// </summary>
public sealed class RoleDefinition
{
    /// <summary>The code definitions and accounts use, letters and digits, e.g. <c>Signer</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>The role in Vietnamese words, e.g. "Lãnh đạo ký".</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// The signing forms (Nghị định 30/2020, Điều 13) a holder may use on a signing step of this role: <c>direct</c>,
    /// <c>KT.</c>, <c>TM.</c>, <c>TL.</c>, <c>TUQ.</c>, <c>Q.</c>; empty: the role does not sign. What a person may use is
    /// these forms as far as <c>SigningPolicy</c> gives them by title.
    /// </summary>
    public List<string> SigningForms { get; set; } = [];

    /// <summary>The issuing bodies (codes) that have this role; empty: every body.</summary>
    public List<string> Bodies { get; set; } = [];
}
