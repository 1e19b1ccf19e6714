using SkiaSharp;

namespace TvNews.Rendering;

internal static class Drawing
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Scales the image to cover the target (cropping the overflow), like CSS object-fit: cover.</summary>
    public static void DrawCover(SKCanvas canvas, SKImage image, SKRect target)
    {
        var scale = Math.Max(target.Width / image.Width, target.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        var dest = SKRect.Create(target.MidX - (w / 2), target.MidY - (h / 2), w, h);
        canvas.Save();
        canvas.ClipRect(target);
        canvas.DrawImage(image, dest, Sampling);
        canvas.Restore();
    }

    /// <summary>Scales the image to fit inside the target, centered, keeping its aspect ratio.</summary>
    public static void DrawContain(SKCanvas canvas, SKImage image, SKRect target)
    {
        var scale = Math.Min(target.Width / image.Width, target.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        canvas.DrawImage(image, SKRect.Create(target.MidX - (w / 2), target.MidY - (h / 2), w, h), Sampling);
    }

    public static void FillRect(SKCanvas canvas, SKRect rect, SKColor color)
    {
        using var paint = new SKPaint { Color = color };
        canvas.DrawRect(rect, paint);
    }

    public static void FillGradient(SKCanvas canvas, SKRect rect, SKColor top, SKColor bottom)
    {
        using var shader = SKShader.CreateLinearGradient(
            new SKPoint(rect.MidX, rect.Top), new SKPoint(rect.MidX, rect.Bottom), [top, bottom], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader };
        canvas.DrawRect(rect, paint);
    }
}
