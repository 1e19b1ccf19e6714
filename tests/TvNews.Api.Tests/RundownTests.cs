using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

public sealed record RundownItemDto(string Id, string StoryId, string Headline, double PlannedSeconds, bool Floated, bool Breaking,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? StartsAtLocal, DateTimeOffset? EndsAtLocal);

public sealed record RundownDto(string ChannelId, long Version, string TimeZone, DateTimeOffset StartsAt, DateTimeOffset StartsAtLocal, bool StartsNow,
    double TotalSeconds, DateTimeOffset EndsAt, DateTimeOffset EndsAtLocal, List<RundownItemDto> Items);

public sealed record RundownChangedDto(string ChannelId, long Version);

/// <summary>The rundown API through the front door: drafts only, so nothing renders.</summary>
public sealed class RundownTests : IAsyncLifetime
{
    private const string Other = "other-news";
    private static readonly string Path = $"/api/channels/{TvNewsApp.ChannelId}/rundown";

    private TvNewsApp _app = null!;
    private string _manifests = null!;

    public async Task InitializeAsync()
    {
        // A second channel, for "a story of another channel".
        _manifests = Directory.CreateTempSubdirectory("tvnews-manifests-").FullName;
        var sample = File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json"));
        File.WriteAllText(System.IO.Path.Combine(_manifests, "sample-news.json"), sample);
        File.WriteAllText(System.IO.Path.Combine(_manifests, $"{Other}.json"), sample.Replace("\"id\": \"sample-news\"", $"\"id\": \"{Other}\"", StringComparison.Ordinal));
        _app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["TvNews:ManifestsPath"] = _manifests, ["Render:Worker"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_manifests, recursive: true);
    }

    private async Task<StoryDto> DraftAsync(string headline, string channelId = TvNewsApp.ChannelId)
    {
        var response = await _app.PostTextAsync(TestArticles.Small.Replace("Ferry service resumes after storm", headline, StringComparison.Ordinal), publish: false, channelId);
        response.EnsureSuccessStatusCode();
        var ingest = (await response.Content.ReadFromJsonAsync<IngestDto>())!;
        return (await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{ingest.StoryId}"))!;
    }

    private static async Task<(RundownDto Rundown, string ETag)> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<RundownDto>(JsonDefaults.Web))!, response.Headers.ETag!.Tag);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string? etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task OnePutReordersInsertsAndRemovesAndTheRundownIsTimedFromItsStart()
    {
        var (editor, _) = await _app.WithRoleAsync("editor");
        var a = await DraftAsync("Talks resume in Geneva");
        var b = await DraftAsync("Floods close the coast road");
        var c = await DraftAsync("Markets rally on rate hopes");

        var (empty, etag) = await GetAsync(editor);
        Assert.Equal(0, empty.Version);
        Assert.Empty(empty.Items);
        Assert.True(empty.StartsNow);

        var start = new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero);
        var put = await PutAsync(editor, etag, new
        {
            startsAt = start,
            items = new object[]
            {
                new { storyId = a.Id.ToString("N") },
                new { storyId = b.Id, plannedSeconds = 30 },
                new { storyId = c.Id, floated = true },
            },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var first = (await put.Content.ReadFromJsonAsync<RundownDto>(JsonDefaults.Web))!;
        Assert.Equal(1, first.Version);
        Assert.NotEqual(etag, put.Headers.ETag!.Tag);
        Assert.Equal([a.Id.ToString("N"), b.Id.ToString("N"), c.Id.ToString("N")], first.Items.Select(i => i.StoryId));
        Assert.Equal("Talks resume in Geneva", first.Items[0].Headline);
        // Planned seconds default to the story's own duration (a draft: its plan's reading time).
        Assert.Equal(a.DurationSeconds, first.Items[0].PlannedSeconds, 3);
        Assert.Equal(start, first.Items[0].StartsAt);
        Assert.Equal(start.AddSeconds(a.DurationSeconds), first.Items[1].StartsAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(start.AddSeconds(a.DurationSeconds + 30), first.Items[1].EndsAt!.Value, TimeSpan.FromMilliseconds(1));
        // Floated: kept in the list, counts nothing, no times.
        Assert.True(first.Items[2].Floated);
        Assert.Null(first.Items[2].StartsAt);
        Assert.Null(first.Items[2].EndsAt);
        Assert.Equal(a.DurationSeconds + 30, first.TotalSeconds, 3);
        Assert.Equal(start.AddSeconds(a.DurationSeconds + 30), first.EndsAt, TimeSpan.FromMilliseconds(1));
        // The channel's clock (Asia/Tehran, +03:30) beside UTC.
        Assert.Equal("Asia/Tehran", first.TimeZone);
        Assert.Equal(TimeSpan.FromHours(3.5), first.StartsAtLocal.Offset);
        Assert.Equal(start, first.StartsAtLocal);
        Assert.Equal(TimeSpan.FromHours(3.5), first.Items[1].EndsAtLocal!.Value.Offset);

        // Reorder, remove b, unfloat c and insert d, in one call.
        var d = await DraftAsync("New bridge opens to traffic");
        var second = await PutAsync(editor, put.Headers.ETag!.Tag, new
        {
            items = new object[] { new { storyId = c.Id }, new { storyId = d.Id }, new { storyId = a.Id, plannedSeconds = 12.5 } },
        });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var (after, _) = await GetAsync(editor);
        Assert.Equal(2, after.Version);
        Assert.Equal([c.Id.ToString("N"), d.Id.ToString("N"), a.Id.ToString("N")], after.Items.Select(i => i.StoryId));
        Assert.All(after.Items, i => Assert.False(i.Floated));
        Assert.Equal(first.Items[0].Id, after.Items[2].Id); // an item keeps its id while its story stays
        Assert.Equal(first.Items[2].Id, after.Items[0].Id);
        Assert.Equal(12.5, after.Items[2].PlannedSeconds);
        Assert.True(after.StartsNow); // no startsAt: runs from now
        Assert.Equal(c.DurationSeconds + d.DurationSeconds + 12.5, after.TotalSeconds, 3);
        Assert.Equal(after.StartsAt.AddSeconds(after.TotalSeconds), after.EndsAt, TimeSpan.FromMilliseconds(1));

        // Each write is audited with who did it; readers leave no entries.
        var audit = await _app.AuditAsync("rundown.update");
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e =>
        {
            Assert.StartsWith("key:", e.ActorId);
            Assert.Equal("editor", e.ActorRole);
            Assert.Equal("rundown", e.TargetType);
            Assert.Equal(TvNewsApp.ChannelId, e.TargetId);
            Assert.Equal(TvNewsApp.ChannelId, e.ChannelId);
        });
        Assert.Contains(d.Id.ToString("N"), audit[1].Details);
    }

    [Fact]
    public async Task AStaleETagIsRefusedWith412SoTwoEditorsNeverLoseEachOthersWork()
    {
        var (alice, _) = await _app.WithRoleAsync("editor");
        var (bob, _) = await _app.WithRoleAsync("editor");
        var a = await DraftAsync("Election results due tonight");
        var b = await DraftAsync("Heatwave warning for the south");

        var (_, aliceTag) = await GetAsync(alice);
        var (_, bobTag) = await GetAsync(bob);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(alice, aliceTag, new { items = new[] { new { storyId = a.Id } } })).StatusCode);

        var stale = await PutAsync(bob, bobTag, new { items = new[] { new { storyId = b.Id } } });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = (await stale.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal("The rundown has changed", problem.Title);
        Assert.Contains("GET it again", problem.Detail);

        // Alice's rundown stands; Bob rereads and reapplies on top of it.
        var (current, currentTag) = await GetAsync(bob);
        Assert.Equal([a.Id.ToString("N")], current.Items.Select(i => i.StoryId));
        Assert.Equal(currentTag, stale.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(bob, currentTag, new { items = new[] { new { storyId = a.Id }, new { storyId = b.Id } } })).StatusCode);

        // Without If-Match there is no telling what the editor saw: 428, nothing written.
        var blind = await PutAsync(alice, null, new { items = Array.Empty<object>() });
        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Equal(2, (await GetAsync(alice)).Rundown.Items.Count);
        Assert.Equal(2, (await _app.AuditAsync("rundown.update")).Count);
    }

    [Fact]
    public async Task ProblemsNameTheFieldAndNothingIsWritten()
    {
        var (editor, _) = await _app.WithRoleAsync("editor");
        var a = await DraftAsync("Rail strike called off");
        var foreign = await DraftAsync("A story of the other channel", Other);
        var (_, etag) = await GetAsync(editor);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(editor, etag, new { items = new[] { new { storyId = a.Id } } })).StatusCode);
        var (before, beforeTag) = await GetAsync(editor);

        // Shape problems, found before the database is asked.
        var shape = await PutAsync(editor, beforeTag, new
        {
            items = new object?[]
            {
                new { storyId = a.Id },
                new { storyId = a.Id },
                new { storyId = "not-a-guid" },
                new { plannedSeconds = 10 },
                new { storyId = Guid.NewGuid(), plannedSeconds = 0 },
                null,
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
        var errors = (await shape.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors;
        Assert.Equal(["items[1].storyId", "items[2].storyId", "items[3].storyId", "items[4].plannedSeconds", "items[5]"], errors.Keys.Order());
        Assert.Contains("items[0]", errors["items[1].storyId"][0]);

        // Stories that do not exist or belong to another channel.
        var unknown = Guid.NewGuid();
        var stories = await PutAsync(editor, beforeTag, new { items = new object[] { new { storyId = foreign.Id }, new { storyId = a.Id }, new { storyId = unknown } } });
        Assert.Equal(HttpStatusCode.BadRequest, stories.StatusCode);
        errors = (await stories.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors;
        Assert.Equal(["items[0].storyId", "items[2].storyId"], errors.Keys.Order());
        Assert.Contains(Other, errors["items[0].storyId"][0]);
        Assert.Contains(unknown.ToString("N"), errors["items[2].storyId"][0]);

        var missing = await PutAsync(editor, beforeTag, new { startsAt = TimeProvider.System.GetUtcNow() });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("items", (await missing.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors.Keys);

        var (after, afterTag) = await GetAsync(editor);
        Assert.Equal(beforeTag, afterTag);
        Assert.Equal(before.Items.Select(i => i.StoryId), after.Items.Select(i => i.StoryId));
        Assert.Single(await _app.AuditAsync("rundown.update"));

        var unknownChannel = await editor.GetAsync("/api/channels/no-such-channel/rundown");
        Assert.Equal(HttpStatusCode.NotFound, unknownChannel.StatusCode);
    }

    [Fact]
    public async Task ViewersReadTheRundownAndOnlyEditorsChangeIt()
    {
        var story = await DraftAsync("Parliament passes budget");
        var (viewer, _) = await _app.WithRoleAsync("viewer");
        var (producer, _) = await _app.WithRoleAsync("producer");
        var (editor, _) = await _app.WithRoleAsync("editor");
        var body = new { items = new[] { new { storyId = story.Id } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync(Path)).StatusCode);
        var (_, etag) = await GetAsync(viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(viewer, etag, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(producer, etag, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(editor, etag, body)).StatusCode);
        Assert.Single((await GetAsync(viewer)).Rundown.Items);
        // Admins are editors too.
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(_app.Producer(), "*", new { items = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task ProducersHearRundownChangedAfterTheWriteCommitsAndTheAnonymousDoNot()
    {
        var producerEvents = Channel.CreateUnbounded<RundownChangedDto>();
        var publicEvents = Channel.CreateUnbounded<RundownChangedDto>();
        var (_, producerKey) = await _app.WithRoleAsync("producer");
        await using var producers = _app.Hub(apiKey: producerKey);
        producers.On<RundownChangedDto>("RundownChanged", e => producerEvents.Writer.TryWrite(e));
        await producers.StartAsync();
        await producers.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId);
        await using var anonymous = _app.Hub();
        anonymous.On<RundownChangedDto>("RundownChanged", e => publicEvents.Writer.TryWrite(e));
        await anonymous.StartAsync();
        await anonymous.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        var story = await DraftAsync("Wildfire contained");
        var (editor, _) = await _app.WithRoleAsync("editor");
        var (_, etag) = await GetAsync(editor);
        var put = await PutAsync(editor, etag, new { items = new[] { new { storyId = story.Id } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changed = await producerEvents.Reader.ReadAsync(timeout.Token);
        Assert.Equal(TvNewsApp.ChannelId, changed.ChannelId);
        Assert.Equal(RundownsETagVersion(put.Headers.ETag!.Tag), changed.Version);
        Assert.False(publicEvents.Reader.TryRead(out _));
    }

    private static long RundownsETagVersion(string etag) => long.Parse(etag.Trim('"')["rundown-".Length..], System.Globalization.CultureInfo.InvariantCulture);
}
