using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Host.Identity;

/// <summary>Identity's tables in the Workflows database; their schema is migration 0002 (hand-kept SQL).</summary>
internal sealed class WorkflowIdentityDbContext(DbContextOptions<WorkflowIdentityDbContext> options)
    : IdentityDbContext<WorkflowUser>(options);
