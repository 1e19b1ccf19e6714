using System.Net.Http.Json;
using System.Text.Json;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>The one full seed render of the test run: the seed article ingested with publish=true and rendered for real.</summary>
public sealed class PublishedSeed : IAsyncLifetime
{
    public TvNewsApp App { get; private set; } = null!;
    public StoryDto Story { get; private set; } = null!;
    public string FeedJson { get; private set; } = null!;
    public JsonElement Feed => JsonDocument.Parse(FeedJson).RootElement;

    public async Task InitializeAsync()
    {
        App = await TvNewsApp.StartAsync();
        var response = await App.PostTextAsync(File.ReadAllText(RepoPaths.SeedArticle), publish: true);
        response.EnsureSuccessStatusCode();
        var ingest = (await response.Content.ReadFromJsonAsync<IngestDto>())!;
        var rendered = await App.WaitForRenderAsync(ingest.StoryId, TimeSpan.FromMinutes(4));
        Story = (await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{rendered.Id}"))!;
        FeedJson = await App.FeedAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The on-disk file behind an absolute media URL.</summary>
    public string MediaFile(string absoluteUrl)
    {
        var path = Uri.UnescapeDataString(new Uri(absoluteUrl).AbsolutePath);
        Assert.StartsWith("/media/", path);
        return Path.Combine(App.MediaOutput, path["/media/".Length..]);
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedSeedCollection : ICollectionFixture<PublishedSeed>
{
    public const string Name = "published seed";
}
