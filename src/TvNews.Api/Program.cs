using TvNews.Api;
using TvNews.Api.Accounts;
using TvNews.Api.Articles;
using TvNews.Api.Audit;
using TvNews.Api.Auth;
using TvNews.Api.Breaking;
using TvNews.Api.Channels;
using TvNews.Api.Docs;
using TvNews.Api.Feeds;
using TvNews.Api.Live;
using TvNews.Api.LiveTv;
using TvNews.Api.Media;
using TvNews.Api.Packages;
using TvNews.Api.Rendering;
using TvNews.Api.Startup;
using TvNews.Api.Rundowns;
using TvNews.Api.Stories;
using TvNews.Api.Web;

// A one-shot command instead of serving: the first admin user, without an API key.
if (CreateAdminCommand.Matches(args)) return await CreateAdminCommand.RunAsync(args, Console.In, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddTvNewsOptions();
builder.Services.AddProblemDetails();
builder.AddDatabase();
builder.AddChannels();
builder.AddProducerAuth();
builder.AddOutboundFetching();
builder.AddStories();
builder.AddRendering();
builder.AddRundownsAndBreakingNews();
builder.AddLiveUpdates();
builder.AddFeeds();
builder.AddLiveTv();
builder.AddHealth();
builder.AddApiDocs();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (app.Configuration.ServesApi()) app.UseMediaFiles(app.Services.GetRequiredService<AppPaths>());
if (app.Configuration.ServesApi()) app.UseProducerPage(app.Environment);
app.UseAuthentication();
app.UseCookieAntiforgery();
app.UseAuthorization();

app.MapHealth();
// A worker-only instance (TvNews:Role=worker) answers health checks and nothing else.
if (app.Configuration.ServesApi())
{
    app.MapChannels();
    app.MapFeeds();
    app.MapLiveTv();
    app.MapPackages();
    app.MapArticles();
    app.MapStories();
    app.MapContactSheet();
    app.MapJobs();
    app.MapAccounts();
    app.MapSignIn();
    app.MapAudit();
    app.MapRundowns();
    app.MapBreakingNews();
    app.MapHub<NewsroomHub>("/hubs/newsroom");
    app.MapLiveUpdates();
    app.MapApiDocs();
    app.MapProducerPage();
}

app.Run();
return 0;

public partial class Program;
