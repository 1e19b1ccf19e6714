using TvNews.Api;
using TvNews.Api.Articles;
using TvNews.Api.Breaking;
using TvNews.Api.Channels;
using TvNews.Api.Feeds;
using TvNews.Api.Live;
using TvNews.Api.Media;
using TvNews.Api.Packages;
using TvNews.Api.Rendering;
using TvNews.Api.Rundowns;
using TvNews.Api.Stories;

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
builder.AddHealth();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (app.Configuration.ServesApi()) app.UseMediaFiles(app.Services.GetRequiredService<AppPaths>());
app.UseAuthentication();
app.UseAuthorization();

app.MapHealth();
// A worker-only instance (TvNews:Role=worker) answers health checks and nothing else.
if (app.Configuration.ServesApi())
{
    app.MapChannels();
    app.MapFeeds();
    app.MapPackages();
    app.MapArticles();
    app.MapStories();
    app.MapContactSheet();
    app.MapJobs();
    app.MapRundowns();
    app.MapBreakingNews();
    app.MapHub<NewsroomHub>("/hubs/newsroom");
}

app.Run();

public partial class Program;
