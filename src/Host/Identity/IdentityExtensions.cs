using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Host.Identity;

/// <summary>Wires ASP.NET Core Identity on PostgreSQL with cookie sign-in and lockout.</summary>
internal static class IdentityExtensions
{
    public static WebApplicationBuilder AddWorkflowsIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddDbContext<WorkflowIdentityDbContext>(options =>
            options.UseNpgsql(builder.Configuration.GetConnectionString("Workflows")));
        builder.Services
            .AddIdentity<WorkflowUser, IdentityRole>(options =>
            {
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredLength = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WorkflowIdentityDbContext>()
            .AddClaimsPrincipalFactory<WorkflowClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "workflows.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/dang-nhap";
            options.AccessDeniedPath = "/khong-co-quyen";
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiStatus(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<UserAuditLog>();
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }

    private static Task ApiStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
