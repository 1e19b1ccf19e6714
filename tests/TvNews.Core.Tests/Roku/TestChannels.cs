using TvNews.Core.Channels;

namespace TvNews.Core.Tests.Roku;

internal static class TestChannels
{
    public static readonly Uri FeedUrl = new("https://news.example.org/feeds/metro/roku.json");

    public static ChannelManifest Metro(string rokuTitle = "Metro News") => new()
    {
        Id = "metro",
        Name = "Metro News",
        ShortName = "Metro",
        Language = "en",
        TimeZone = "Europe/London",
        Description = "City news in short videos.",
        Branding = new ChannelBranding
        {
            PrimaryColor = "#0F1724",
            AccentColor = "#E63946",
            TextColor = "#FFFFFF",
            Background = "backgrounds/metro.png",
            Font = "fonts/Inter-Regular.ttf",
            BoldFont = "fonts/Inter-Bold.ttf",
        },
        Categories = [new ChannelCategory("Politics", "politics")],
        Roku = new RokuPackageSettings
        {
            Title = rokuTitle,
            MajorVersion = 2,
            MinorVersion = 3,
            BuildVersion = 42,
            SplashColor = "#0F1724",
        },
    };
}
