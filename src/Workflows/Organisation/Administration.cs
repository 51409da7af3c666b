using Workflows.Kernel;

namespace Workflows.Organisation;

/// <summary>Who administers the installation: users and roles, the directory, the calendar, the workflow definitions, the signing certificates.</summary>
public static class Administration
{
    /// <summary>True when <paramref name="actor"/> is an administrator (role Admin); the menu offers the administration pages by it.</summary>
    public static bool MayAdminister(Actor actor) => actor.IsIn(Roles.Admin);
}
