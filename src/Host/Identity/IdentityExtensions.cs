using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Access;

namespace Workflows.Host.Identity;

/// <summary>
/// Wires ASP.NET Core Identity on PostgreSQL: NIST SP 800-63B passwords (<see cref="NistPasswordValidator"/>), cookie
/// sign-in whose tickets stay on the server (<see cref="PostgresTicketStore"/>), the sign-in use case with its growing
/// delays (<see cref="SignInService"/>), a user's own password change (<see cref="PasswordChanges"/>). Lock-out is used only for accounts an admin disabled.
/// </summary>
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
                options.Password.RequiredLength = NistPasswordValidator.MinimumLength;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WorkflowIdentityDbContext>()
            .AddClaimsPrincipalFactory<WorkflowClaimsFactory>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddPasswordValidator<NistPasswordValidator>()
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
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SignInFailureStore>();
        builder.Services.AddSingleton<PostgresTicketStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<PostgresTicketStore>((options, store) => options.SessionStore = store);
        builder.Services.AddSingleton<PasswordGuesses>();
        builder.Services.AddScoped<SignInService>();
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<PasswordChanges>();
        builder.Services.AddSingleton<Workflows.Engine.IWorkflowUsers, IdentityWorkflowUsers>();
        builder.Services.AddScoped<PeopleNames>();
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
