using System.Text.Json;
using System.Xml.Linq;
using TvNews.Core.Channels;
using TvNews.Core.Feeds;
using TvNews.Core.Live;
using static TvNews.Core.Tests.Live.LiveScheduleTests;

namespace TvNews.Core.Tests.Live;

public sealed class LiveGuideTests
{
    private static XDocument Guide(ChannelManifest channel, IReadOnlyList<AsRunProgramme> projected, DateTimeOffset from) =>
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(
            XmltvBuilder.Build(channel, XmltvBuilder.Programmes(channel, projected, from, from.AddHours(24)), "https://tv.test/channels/sample-news/live/index.m3u8")));

    private static DateTimeOffset XmltvTime(string value) =>
        DateTimeOffset.ParseExact(value, "yyyyMMddHHmmss zzz", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void OneProgrammePerStoryCoversTheNextDayWithTheIdentInsideTheStoryBeforeIt()
    {
        var a = Clip("a", 20) with { Title = "Talks <resume> & \"go on\"\u0001" };
        var b = Clip("b", 14);
        var log = new Log();
        var lineup = new LiveLineup([a, b], Ident);
        log.Advance(lineup, T0);
        var projected = LiveSchedule.Project(log.Rows, lineup, T0, T0.AddHours(24), LiveTiming.Default);
        var xml = Guide(TestData.SampleChannel, projected, T0);

        var channel = xml.Root!.Element("channel")!;
        Assert.Equal("sample-news", channel.Attribute("id")!.Value);
        Assert.Equal("Sample News 24 Live", channel.Element("display-name")!.Value);
        var programmes = xml.Root.Elements("programme").ToList();
        Assert.True(programmes.Count > 24 * 3600 / 45);
        Assert.Equal("Talks <resume> & \"go on\"", programmes.First(p => p.Element("title")!.Value.StartsWith("Talks", StringComparison.Ordinal)).Element("title")!.Value);
        var first = XmltvTime(programmes[0].Attribute("start")!.Value);
        Assert.True(first <= T0);
        for (var i = 1; i < programmes.Count; i++)
            Assert.Equal(programmes[i - 1].Attribute("stop")!.Value, programmes[i].Attribute("start")!.Value);
        Assert.Equal(T0.AddHours(24), XmltvTime(programmes[^1].Attribute("stop")!.Value));
        // Alternating stories: the ident never has a programme of its own.
        Assert.DoesNotContain(programmes, p => p.Element("title")!.Value == "Sample News 24");
    }

    [Fact]
    public void BlocksFollowTheChannelClockAndListTheStoriesInThem()
    {
        var channel = TestData.SampleChannel with { Live = new LiveSettings { Epg = EpgMode.Block, BlockMinutes = 30 } };
        var lineup = new LiveLineup([Clip("a", 20), Clip("b", 14)], Ident);
        var log = new Log();
        var at = T0.AddMinutes(7);
        log.Advance(lineup, at);
        var xml = Guide(channel, LiveSchedule.Project(log.Rows, lineup, at, at.AddHours(24), LiveTiming.Default), at);
        var programmes = xml.Root!.Elements("programme").ToList();
        // Asia/Tehran is UTC+03:30: blocks start at :00 and :30 local, so at :00 and :30 UTC too.
        Assert.Equal(T0, XmltvTime(programmes[0].Attribute("start")!.Value));
        Assert.Equal(49, programmes.Count);
        Assert.All(programmes, p => Assert.Equal("Sample News 24", p.Element("title")!.Value));
        var listed = programmes[1].Element("desc")!.Value.Split(XmltvBuilder.BlockSeparator);
        Assert.Equal(["Headline a", "Headline b"], listed.Order());
    }

    [Fact]
    public void TheLiveSettingsAreValidatedWithClearErrors()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json"));
        const string Sample = "\"live\": { \"enabled\": true, \"epg\": \"story\", \"blockMinutes\": 30, \"identSeconds\": 4 },";
        Assert.Contains(Sample, json, StringComparison.Ordinal);
        var broken = json.Replace(Sample, "\"live\": { \"epg\": \"block\", \"blockMinutes\": 7, \"identSeconds\": 60 },", StringComparison.Ordinal);
        var (manifest, problems) = ChannelManifestReader.Read("sample-news.json", broken, _ => true, _ => true);
        Assert.Null(manifest);
        Assert.Contains(problems, p => p.Contains("live.blockMinutes 7", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("live.identSeconds 60", StringComparison.Ordinal));

        var unknown = json.Replace(Sample, "\"live\": { \"epg\": \"hourly\" },", StringComparison.Ordinal);
        Assert.Contains(ChannelManifestReader.Read("sample-news.json", unknown, _ => true, _ => true).Problems, p => p.Contains("not a valid channel manifest", StringComparison.Ordinal));
        Assert.Equal(EpgMode.Story, TestData.SampleChannel.Live.Epg);
    }

    [Fact]
    public void TheRokuFeedListsTheLiveStreamFirstWithAbsoluteUrls()
    {
        var mediaBase = new Uri("https://tv.example.org/media/");
        var input = new FeedInput(TestData.SampleChannel, [], new Uri("https://tv.example.org/"), mediaBase, T0, 3);
        var json = JsonDocument.Parse(RokuFeedBuilder.Serialize(RokuFeedBuilder.Build(input))).RootElement;
        Assert.Equal("liveFeeds", json.EnumerateObject().First().Name);
        var live = Assert.Single(json.GetProperty("liveFeeds").EnumerateArray());
        Assert.Equal("sample-news-live", live.GetProperty("id").GetString());
        Assert.Equal("Sample News 24 Live", live.GetProperty("title").GetString());
        var video = live.GetProperty("content").GetProperty("videos")[0];
        Assert.Equal("https://tv.example.org/channels/sample-news/live/index.m3u8", video.GetProperty("url").GetString());
        Assert.Equal("HLS", video.GetProperty("videoType").GetString());
        Assert.Equal("https://tv.example.org/channels/sample-news/live/poster.jpg", live.GetProperty("thumbnail").GetString());
        Assert.Equal("https://tv.example.org/channels/sample-news/live/poster.jpg", live.GetProperty("brandedThumbnail").GetString());
        Assert.NotEqual(live.GetProperty("shortDescription").GetString(), live.GetProperty("longDescription").GetString());
        Assert.True(live.GetProperty("shortDescription").GetString()!.Length <= 200);
        Assert.Equal("news", live.GetProperty("genres")[0].GetString());

        var off = input with { Channel = TestData.SampleChannel with { Live = new LiveSettings { Enabled = false } } };
        Assert.False(JsonDocument.Parse(RokuFeedBuilder.Serialize(RokuFeedBuilder.Build(off))).RootElement.TryGetProperty("liveFeeds", out _));
    }

    [Fact]
    public void TheMasterPlaylistHasTheStoriesLadderWithItsBandwidths()
    {
        var rungs = new[] { new LiveRung("1080p", 1920, 1080, "avc1.640029,mp4a.40.2", 30), new LiveRung("360p", 640, 360, "avc1.64001e,mp4a.40.2", 30) };
        var master = LivePlaylists.Master(rungs, new Dictionary<string, RungBandwidth> { ["1080p"] = new(900_000, 500_000), ["360p"] = new(390_000, 200_000) }, r => r + ".m3u8");
        Assert.Equal("""
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=500000,RESOLUTION=1920x1080,FRAME-RATE=30.000,CODECS="avc1.640029,mp4a.40.2"
            1080p.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=390000,AVERAGE-BANDWIDTH=200000,RESOLUTION=640x360,FRAME-RATE=30.000,CODECS="avc1.64001e,mp4a.40.2"
            360p.m3u8

            """.ReplaceLineEndings("\n"), master);
    }
}
