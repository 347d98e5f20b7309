using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Streaming.ServiceDefaults;

namespace Streaming.Security;

public static class StreamingAuthenticationExtensions
{
    /// <summary>
    /// JWT bearer authentication with the <c>Auth</c> section's symmetric key (validated on start), claims kept
    /// as sent (<c>sub</c>, <c>role</c>), and the <see cref="StreamingPolicies"/> authorization policies.
    /// </summary>
    public static IHostApplicationBuilder AddStreamingAuthentication(this IHostApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddValidatedOptions<AuthOptions>(AuthOptions.Section)
            .Validate(o => environment.IsDevelopment() || o.SigningKey != AuthOptions.DevelopmentSigningKey,
                "Auth:SigningKey is the development key; configure a real key outside Development");

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                // Keep "sub" and "role" as they are on the wire instead of the long WS-* claim URIs.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = CreateValidationParameters(auth.Value);
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StreamingPolicies.Client, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(StreamingClaims.Subject)
                .RequireClaim(StreamingClaims.Role, StreamingClaims.UserRole, StreamingClaims.ServiceRole))
            .AddPolicy(StreamingPolicies.Service, p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(StreamingClaims.Subject)
                .RequireClaim(StreamingClaims.Role, StreamingClaims.ServiceRole));
        return builder;
    }

    public static TokenValidationParameters CreateValidationParameters(AuthOptions options) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(options.GetSigningKeyBytes()),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
        NameClaimType = StreamingClaims.Subject,
        RoleClaimType = StreamingClaims.Role,
    };
}
