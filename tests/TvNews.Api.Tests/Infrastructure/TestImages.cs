using SkiaSharp;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>Real, decodable pictures of a chosen size, drawn with Skia, for the origin server to serve.</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width, int height, SKColor color) => Encode(width, height, color, SKEncodedImageFormat.Jpeg);

    public static byte[] Png(int width, int height, SKColor color) => Encode(width, height, color, SKEncodedImageFormat.Png);

    private static byte[] Encode(int width, int height, SKColor color, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color);
            // A diagonal stripe, so two pictures of one color and size still differ only where they should.
            using var paint = new SKPaint { Color = SKColors.White, StrokeWidth = Math.Max(2, width / 40f) };
            canvas.DrawLine(0, 0, width, height, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 85);
        return data.ToArray();
    }
}
