using SkiaSharp;

namespace TvNews.Rendering;

internal static class Drawing
{
    // Mipmaps cost ~200 ms for a 1080p frame on this class of machine; they only pay off when shrinking below half.
    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);
    private static readonly SKSamplingOptions Mipmapped = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>
    /// Scales the image to cover the target, like CSS object-fit: cover. The focus (0-1 across and down the image) says
    /// where the crop falls: 0.5 trims both sides evenly, 0.33 down trims a third of the overflow from the top and two
    /// thirds from the bottom, keeping the upper part of a picture where faces usually are.
    /// </summary>
    public static void DrawCover(SKCanvas canvas, SKImage image, SKRect target, float focusX = 0.5f, float focusY = 0.5f)
    {
        var scale = Math.Max(target.Width / image.Width, target.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        var dest = SKRect.Create(target.Left + ((target.Width - w) * focusX), target.Top + ((target.Height - h) * focusY), w, h);
        canvas.Save();
        canvas.ClipRect(target);
        canvas.DrawImage(image, dest, SamplingFor(canvas, scale));
        canvas.Restore();
    }

    /// <summary>Scales the image to fit inside the target, centered, keeping its aspect ratio.</summary>
    public static void DrawContain(SKCanvas canvas, SKImage image, SKRect target)
    {
        var scale = Math.Min(target.Width / image.Width, target.Height / image.Height);
        var w = image.Width * scale;
        var h = image.Height * scale;
        canvas.DrawImage(image, SKRect.Create(target.MidX - (w / 2), target.MidY - (h / 2), w, h), SamplingFor(canvas, scale));
    }

    /// <summary>Bilinear unless the image ends up at less than half its size in output pixels.</summary>
    private static SKSamplingOptions SamplingFor(SKCanvas canvas, float scale) =>
        scale * canvas.TotalMatrix.ScaleX < 0.5f ? Mipmapped : Bilinear;

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
