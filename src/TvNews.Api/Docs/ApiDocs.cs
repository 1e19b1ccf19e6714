using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using TvNews.Api.Auth;

namespace TvNews.Api.Docs;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>. Typed results describe
/// each endpoint's successes and validation problems; the transformer below adds the errors every endpoint of a kind can
/// answer with (401/403 where a role is needed, 404 where an id is in the route, 400 where a body is read), so the
/// document lists each endpoint's errors without every handler repeating them.
/// </summary>
public static class ApiDocs
{
    public const string ApiKeyScheme = "ApiKey";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TvNews",
                    Version = "v1",
                    Description = "Articles in, television out. Device endpoints (`/channels/...`, `/media/...`) are anonymous and "
                        + "read-only; producer endpoints (`/api/...`) need an API key in `X-Api-Key` or a signed-in session, and "
                        + "a role: viewer < producer < editor < admin. Every error is an RFC 9457 problem document.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.HeaderName,
                    Description = "A producer API key; its role decides what it may do.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                // Named policies are the least role they admit; inline role policies list the roles themselves.
                var roles = metadata.OfType<IAuthorizeData>().SelectMany(a => new[] { a.Policy }.Concat(a.Roles?.Split(',') ?? []))
                    .Concat(metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements)
                        .OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles))
                    .Where(r => r is not null).Select(r => r!.Trim()).ToHashSet();
                var needsAuth = (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any()) && !metadata.OfType<IAllowAnonymous>().Any();
                operation.Responses ??= new OpenApiResponses();
                if (needsAuth)
                {
                    var least = Roles.Ladder.FirstOrDefault(roles.Contains) ?? Roles.Viewer;
                    await AddProblemAsync(operation, context, "401", "No credentials, or an unknown or revoked API key.", ct);
                    await AddProblemAsync(operation, context, "403", $"The caller's role is below {least}.", ct);
                    operation.Description = $"{operation.Description}\n\nRequires the **{least}** role or above.".Trim();
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [],
                    });
                }
                if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
                    await AddProblemAsync(operation, context, "404", "Nothing has the id in the path.", ct);
                if (context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Form") || operation.RequestBody is not null)
                    await AddProblemAsync(operation, context, "400", "The body cannot be read or is not valid.", ct);
                await AddProblemAsync(operation, context, "500", "An unexpected failure; the problem's traceId is in the server log.", ct);
            });
        });
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("TvNews API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(ApiKeyScheme));
        return app;
    }

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status,
        string description, CancellationToken ct)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }
}
