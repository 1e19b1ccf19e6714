using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using TvNews.Api.Articles;
using TvNews.Api.Auth;
using TvNews.Api.Channels;
using TvNews.Api.Health;
using TvNews.Api.Live;
using TvNews.Api.Packages;
using TvNews.Api.Rendering;
using TvNews.Api.Sources;
using TvNews.Api.Startup;
using TvNews.Api.Stories;
using TvNews.Data;
using TvNews.Data.Auth;
using TvNews.Data.Channels;
using TvNews.Data.Feeds;
using TvNews.Data.Rendering;
using TvNews.Data.Stories;
using TvNews.Ingest.Web;
using TvNews.Rendering;

namespace TvNews.Api;

/// <summary>One registration method per concern, so Program.cs reads as a table of contents.</summary>
public static class Hosting
{
    // Read straight from configuration: which services exist is decided before the container is built.
    public static AppRole Role(this IConfiguration configuration) => configuration.GetValue($"{TvNewsOptions.SectionName}:Role", AppRole.All);

    public static bool RunsWorkers(this IConfiguration configuration) => configuration.Role() != AppRole.Api;

    public static bool ServesApi(this IConfiguration configuration) => configuration.Role() != AppRole.Worker;

    public static WebApplicationBuilder AddTvNewsOptions(this WebApplicationBuilder builder)
    {
        // TVNEWS_API_KEY is the documented way to set the producer key.
        if (Environment.GetEnvironmentVariable("TVNEWS_API_KEY") is { Length: > 0 } key)
            builder.Configuration["TvNews:ApiKey"] ??= key;

        builder.Services.AddOptions<TvNewsOptions>().BindConfiguration(TvNewsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "TvNews:PublicBaseUrl must be an absolute http(s) URL")
            .ValidateOnStart();
        builder.Services.AddOptions<RenderOptions>().BindConfiguration(RenderOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.ProgressInterval > TimeSpan.Zero,
                "Render:PollInterval, Render:Lease and Render:ProgressInterval must be positive")
            .Validate(o => o.MaxAttempts is >= 1 and <= 100 && o.RetryBackoff >= TimeSpan.Zero,
                "Render:MaxAttempts must be 1-100 and Render:RetryBackoff not negative")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => AppPaths.Resolve(sp.GetRequiredService<IOptions<TvNewsOptions>>().Value, builder.Environment.ContentRootPath));
        builder.Services.AddSingleton<Links>();
        builder.Services.AddSingleton(TimeProvider.System);
        // No "Server: Kestrel" on every response: it tells a scanner what runs here and costs bytes on each feed poll.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        Database.Configure();
        builder.Services.AddSingleton(sp =>
        {
            var cs = sp.GetRequiredService<IConfiguration>().GetConnectionString("TvNews");
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("ConnectionStrings:TvNews is not set (./tvnews run sets it for the private cluster).");
            return new NpgsqlDataSourceBuilder(cs).Build();
        });
        builder.Services.AddSingleton<ChannelStore>();
        builder.Services.AddSingleton<StoryStore>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<TvNews.Data.Audit.AuditStore>();
        builder.Services.AddSingleton<RenderQueue>();
        builder.Services.AddHostedService<DatabaseStartup>();
        return builder;
    }

    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => ChannelCatalog.Load(sp.GetRequiredService<AppPaths>()));
        builder.Services.AddSingleton<ChannelPackages>();
        return builder;
    }

    public static WebApplicationBuilder AddProducerAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyRoles>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<UserRecord>, Microsoft.AspNetCore.Identity.PasswordHasher<UserRecord>>();
        // X-Api-Key when the header is sent, else the sign-in cookie; both challenge and forbid as ProblemDetails.
        builder.Services.AddAuthentication(SignIn.DefaultScheme)
            .AddPolicyScheme(SignIn.DefaultScheme, "API key or sign-in cookie", o =>
            {
                o.ForwardDefaultSelector = http => http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : SignIn.CookieScheme;
                o.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                o.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(SignIn.CookieScheme, SignIn.ConfigureCookie);
        builder.Services.AddAntiforgery(SignIn.ConfigureAntiforgery);
        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }

    /// <summary>Outbound fetches (pages, feeds, images): guarded against private addresses, with timeouts and retries.</summary>
    public static WebApplicationBuilder AddOutboundFetching(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName)
            .Validate(o => o.MaxPageBytes > 0 && o.MaxImageBytes > 0 && o.Timeout > TimeSpan.Zero, "Outbound limits must be positive")
            .Validate(o => o.MinImageWidth >= 16 && o.MinImageHeight >= 16, "Outbound:MinImageWidth and MinImageHeight must be at least 16 pixels")
            .ValidateOnStart();
        builder.Services.AddHttpClient<WebFetcher>(client => client.DefaultRequestHeaders.UserAgent.ParseAdd("TvNews/1.0 (+news-to-tv ingest)"))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var o = sp.GetRequiredService<IOptions<OutboundOptions>>().Value;
                return GuardedHandler.Create(o.AllowedHosts.ToHashSet(StringComparer.OrdinalIgnoreCase), o.Timeout);
            })
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                // A refused address is a decision, not a transient failure: never retry it.
                var transient = o.Retry.ShouldHandle;
                o.Retry.ShouldHandle = args => BlockedAddressException.FindIn(args.Outcome.Exception) is not null ? ValueTask.FromResult(false) : transient(args);
            });
        // Transient: they hold the typed HttpClient, whose handlers the factory rotates.
        builder.Services.AddTransient<ArticleSources>();
        builder.Services.AddTransient<ArticleImages>();
        builder.Services.AddTransient<FeedIngest>();
        builder.Services.AddSingleton<FeedSourceStore>();
        builder.Services.AddOptions<SourceOptions>().BindConfiguration(SourceOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "Sources:PollInterval and Sources:Lease must be positive")
            .ValidateOnStart();
        if (builder.Configuration.RunsWorkers() && builder.Configuration.GetValue("Sources:Worker", true))
            builder.Services.AddHostedService<FeedPollWorker>();
        return builder;
    }

    public static WebApplicationBuilder AddStories(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddTransient<ArticleIngest>();
        builder.Services.AddSingleton<StoryViews>();
        builder.Services.AddHostedService<SampleLoader>();
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Scheduler:PollInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<StorySchedulerSignal>();
        if (builder.Configuration.RunsWorkers() && builder.Configuration.GetValue("Scheduler:Worker", true))
        {
            builder.Services.AddHostedService<StorySchedulerWorker>();
            builder.Services.AddHostedService<StoryScheduleListener>();
        }
        return builder;
    }

    /// <summary>The encoder as the render options configure it (tests that wrap it build the real one here too).</summary>
    public static StoryVideoEncoder CreateVideoEncoder(IServiceProvider services)
    {
        var render = services.GetRequiredService<IOptions<RenderOptions>>().Value;
        return new StoryVideoEncoder(Path.Combine(Path.GetTempPath(), "tvnews-encoder"), render.Cabac, render.InProcessStills);
    }

    public static WebApplicationBuilder AddRendering(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RenderSignal>();
        builder.Services.AddSingleton<IStoryVideoEncoder>(CreateVideoEncoder);
        builder.Services.AddSingleton<StoryRenderer>();
        builder.Services.AddOptions<NarrationOptions>().BindConfiguration(NarrationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new TvNews.Rendering.Narration.EspeakNarrator(
            Path.Combine(sp.GetRequiredService<AppPaths>().Root, sp.GetRequiredService<IOptions<NarrationOptions>>().Value.CacheFolder)));
        builder.Services.AddSingleton<StoryNarration>();
        if (builder.Configuration.RunsWorkers() && builder.Configuration.GetValue("Render:Worker", true))
            builder.Services.AddHostedService<RenderWorker>();
        return builder;
    }

    /// <summary>Rundowns and breaking news (issue 6): stores, the breaking-news service and its expiry worker.</summary>
    public static WebApplicationBuilder AddRundownsAndBreakingNews(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TvNews.Data.Rundowns.RundownStore>();
        builder.Services.AddSingleton<TvNews.Data.Breaking.BreakingNewsStore>();
        builder.Services.AddSingleton<TvNews.Api.Breaking.BreakingNews>();
        builder.Services.AddOptions<TvNews.Api.Breaking.BreakingOptions>().BindConfiguration(TvNews.Api.Breaking.BreakingOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.DefaultDuration >= TimeSpan.FromMinutes(1),
                "Breaking:PollInterval must be positive and Breaking:DefaultDuration at least a minute")
            .Validate(o => o.CardSeconds is >= 1 and <= 60, "Breaking:CardSeconds must be 1-60")
            .ValidateOnStart();
        if (builder.Configuration.RunsWorkers() && builder.Configuration.GetValue("Breaking:Worker", true))
            builder.Services.AddHostedService<TvNews.Api.Breaking.BreakingNewsWorker>();
        return builder;
    }

    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        // Scale-out: with Redis, the shared groups span instances; the local ones stay in each (see LiveGroups).
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("tvnews");
                // Redis down must not stop this instance serving its own clients: start without it, reconnect in the
                // background, and fail a call at once instead of queueing it (NewsroomBackplane then delivers locally).
                o.Configuration.AbortOnConnectFail = false;
                o.Configuration.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
            });
            builder.Services.AddSingleton<Microsoft.AspNetCore.SignalR.HubLifetimeManager<NewsroomHub>, NewsroomBackplane>();
        }
        builder.Services.AddSingleton<LiveEvents>();
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName)
            .Validate(o => o.EventRetention > TimeSpan.Zero && o.CleanupInterval > TimeSpan.Zero && o.SseHeartbeat > TimeSpan.Zero,
                "Live:EventRetention, Live:CleanupInterval and Live:SseHeartbeat must be positive")
            .Validate(o => o.LongPollMaxWaitSeconds is >= 0 and <= 120, "Live:LongPollMaxWaitSeconds must be 0-120")
            .Validate(o => o.MaxEventsPerAnswer is >= 1 and <= 10_000, "Live:MaxEventsPerAnswer must be 1-10000")
            .ValidateOnStart();
        builder.Services.AddSingleton<TvNews.Data.Events.ChannelEventLog>();
        builder.Services.AddSingleton<ChannelEventSignal>();
        // One relay per process that serves the hub and the device endpoints: it pushes public events from the log.
        builder.Services.AddSingleton<ChannelEventRelay>();
        if (builder.Configuration.ServesApi()) builder.Services.AddHostedService(sp => sp.GetRequiredService<ChannelEventRelay>());
        if (builder.Configuration.RunsWorkers() && builder.Configuration.GetValue("Live:CleanupWorker", true))
            builder.Services.AddHostedService<ChannelEventCleanupWorker>();
        // Render progress reaches the hub through PostgreSQL, from a worker in this process or any other.
        if (builder.Configuration.ServesApi()) builder.Services.AddHostedService<RenderProgressListener>();
        return builder;
    }

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<MediaOutputHealthCheck>("media-output", tags: ["ready"]);
        // Only a process that renders needs ffmpeg; an API-only machine may not have it.
        if (builder.Configuration.RunsWorkers()) checks.AddCheck<FfmpegHealthCheck>("ffmpeg", tags: ["ready"]).AddCheck<EspeakHealthCheck>("espeak-ng", tags: ["ready"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness answers without touching dependencies; readiness checks them.
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealth });
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
