using SkiaSharp;

namespace TvNews.Rendering.Tests;

public sealed class ArtworkRendererTests : IDisposable
{
    private readonly SlideTheme _theme = TestMedia.LoadTheme();

    [Theory]
    [InlineData(540, 405)]
    [InlineData(290, 218)]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    [InlineData(720, 480)]
    public void ArtworkHasExactlyTheRokuSizeWithTextInsideItsSafeArea(int width, int height)
    {
        var png = new ArtworkRenderer().RenderPng(_theme, "TvNews Daily", width, height);
        var (_, bounds) = ArtworkRenderer.Render(_theme, "TvNews Daily", width, height);

        using var codec = SKCodec.Create(new SKMemoryStream(png));
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        Assert.Equal(width, codec.Info.Width);
        Assert.Equal(height, codec.Info.Height);
        var safe = SafeArea.TitleSafeFor(width, height);
        Assert.NotEmpty(bounds);
        Assert.All(bounds, r => Assert.True(safe.Contains(r), $"{r} outside {safe}"));
    }

    public void Dispose() => _theme.Dispose();
}
