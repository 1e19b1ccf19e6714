using Microsoft.Extensions.Options;
using TvNews.Api.Articles;
using TvNews.Api.Channels;
using TvNews.Core.Ingest;
using TvNews.Data.Stories;

namespace TvNews.Api.Startup;

/// <summary>
/// For the run command: ingests media/samples/ into every channel, asks for render and publish, and prints the
/// URLs of the feed, a video and the channel package once the stories are on air.
/// </summary>
internal sealed class SampleLoader(IOptions<TvNewsOptions> options, AppPaths paths, ChannelCatalog catalog, ArticleIngest ingest,
    StoryStore stories, Links links, TimeProvider clock, ILogger<SampleLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IngestSamplesOnStart) return;
        if (!Directory.Exists(paths.Samples))
        {
            logger.LogWarning("Samples folder {Folder} not found; nothing to ingest", paths.Samples);
            return;
        }

        var storyIds = new List<Guid>();
        foreach (var channel in catalog.All)
        {
            foreach (var file in Directory.GetFiles(paths.Samples, "*.txt").Order(StringComparer.Ordinal))
            {
                var parsed = RawTextArticleParser.Parse(await File.ReadAllTextAsync(file, stoppingToken), channel.SiteRules, channel.Manifest.Language);
                if (parsed.Article is null)
                {
                    logger.LogWarning("Sample {File} skipped: {Error}", file, parsed.Error);
                    continue;
                }
                var outcome = await ingest.StoreAsync(channel, parsed.Article, publish: true, stoppingToken);
                logger.LogInformation("Sample {File} → story {StoryId} in {ChannelId} ({Action})", Path.GetFileName(file), outcome.StoryId,
                    channel.Manifest.Id, outcome.RenderQueued ? "rendering" : outcome.Created ? "created" : "unchanged");
                storyIds.Add(outcome.StoryId);
            }
        }

        // Wait (bounded) until every sample is on air, then say where to look.
        var deadline = clock.GetUtcNow().AddMinutes(10);
        var pending = new List<Guid>(storyIds);
        while (pending.Count > 0 && clock.GetUtcNow() < deadline)
        {
            foreach (var id in pending.ToList())
            {
                var story = await stories.GetAsync(id, stoppingToken);
                if (story is { State: "published", Media: not null } || story?.RenderState == "failed") pending.Remove(id);
            }
            if (pending.Count > 0) await Task.Delay(TimeSpan.FromMilliseconds(500), clock, stoppingToken);
        }

        Console.WriteLine();
        Console.WriteLine("  TvNews is live.");
        foreach (var channel in catalog.All)
        {
            Console.WriteLine($"  {channel.Manifest.Name}");
            Console.WriteLine($"    Roku feed:        {links.RokuFeed(channel.Manifest.Id)}");
            Console.WriteLine($"    Channel package:  {links.Package(channel.Manifest.Id)}");
        }
        foreach (var id in storyIds)
        {
            var story = await stories.GetAsync(id, stoppingToken);
            if (story?.Media is null)
            {
                Console.WriteLine($"    Story {id:N}: not rendered ({story?.RenderState})");
                continue;
            }
            Console.WriteLine($"    Video (MP4):      {links.Media(story.Media.Mp4Path)}");
            Console.WriteLine($"    Video (HLS):      {links.Media(story.Media.HlsMasterPath)}");
        }
        Console.WriteLine($"  Producer page:      {new Uri(links.Base, "producer/").AbsoluteUri} (sign in with the producer key, or a user made by ./tvnews users create)");
        Console.WriteLine($"  API reference:      {new Uri(links.Base, "docs").AbsoluteUri}");
        Console.WriteLine("  Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
