using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Workflows.Host.Identity;

/// <summary>Puts the user's full name, title and body into the cookie so that each request knows its actor without a query.</summary>
internal sealed class WorkflowClaimsFactory(UserManager<WorkflowUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WorkflowUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WorkflowUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WorkflowClaimTypes.FullName, user.FullName));
        identity.AddClaim(new Claim(WorkflowClaimTypes.Body, user.BodyCode));
        if (user.Title is not null) identity.AddClaim(new Claim(WorkflowClaimTypes.Title, user.Title));
        return identity;
    }
}
