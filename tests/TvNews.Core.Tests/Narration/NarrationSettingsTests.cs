using TvNews.Core.Channels;

namespace TvNews.Core.Tests.Narration;

public sealed class NarrationSettingsTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json"));

    private static IReadOnlyList<string> Problems(string narration) =>
        ChannelManifestReader.Read("sample-news.json",
            Sample.Replace("\"narration\": { \"enabled\": true, \"loudnessLufs\": -16 }", narration, StringComparison.Ordinal), _ => true, _ => true).Problems;

    [Fact]
    public void TheSampleChannelNarratesAtMinus16Lufs()
    {
        var (manifest, problems) = ChannelManifestReader.Read("sample-news.json", Sample, _ => true, _ => true);
        Assert.Empty(problems);
        Assert.Equal(new NarrationSettings { Enabled = true, LoudnessLufs = -16 }, manifest!.Outputs.Narration);
    }

    [Theory]
    [InlineData("\"narration\": { \"enabled\": true, \"loudnessLufs\": -23, \"wordsPerMinute\": 180, \"voice\": \"en-us\" }")]
    [InlineData("\"narration\": { \"enabled\": true, \"loudnessLufs\": -31, \"wordsPerMinute\": 80, \"voice\": \"en+f3\" }")]
    [InlineData("\"narration\": { \"enabled\": false, \"loudnessLufs\": -5, \"wordsPerMinute\": 450 }")]
    public void SettingsInsideTheLimitsAreAccepted(string narration) => Assert.Empty(Problems(narration));

    [Theory]
    [InlineData("\"narration\": { \"enabled\": true, \"loudnessLufs\": -40 }", "outputs.narration.loudnessLufs -40 must be -31 to -5 LUFS")]
    [InlineData("\"narration\": { \"enabled\": true, \"loudnessLufs\": 0 }", "outputs.narration.loudnessLufs 0 must be -31 to -5 LUFS")]
    [InlineData("\"narration\": { \"enabled\": true, \"wordsPerMinute\": 60 }", "outputs.narration.wordsPerMinute 60 must be 80-450")]
    [InlineData("\"narration\": { \"enabled\": true, \"wordsPerMinute\": 500 }", "outputs.narration.wordsPerMinute 500 must be 80-450")]
    [InlineData("\"narration\": { \"enabled\": true, \"voice\": \"--help\" }", "outputs.narration.voice '--help' must be an espeak-ng voice name")]
    [InlineData("\"narration\": { \"enabled\": true, \"voice\": \"en us\" }", "outputs.narration.voice 'en us' must be an espeak-ng voice name")]
    public void SettingsOutsideTheLimitsAreRefusedWithTheFieldNamed(string narration, string expected)
    {
        var problems = Problems(narration);
        Assert.Contains(problems, p => p.StartsWith("sample-news.json: " + expected, StringComparison.Ordinal));
    }
}
