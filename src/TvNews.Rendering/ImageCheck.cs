using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>Verifies a downloaded picture: its bytes are a format we accept (sniffed, not trusted from headers) and it decodes.</summary>
public static class ImageCheck
{
    public sealed record Verified(string Extension, int Width, int Height);

    public static Verified? Verify(byte[] bytes)
    {
        var extension = Sniff(bytes);
        if (extension is null) return null;
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        if (codec is null) return null;
        using var bitmap = SKBitmap.Decode(codec);
        return bitmap is null || bitmap.Width < 16 || bitmap.Height < 16 ? null : new Verified(extension, bitmap.Width, bitmap.Height);
    }

    private static string? Sniff(byte[] b) => b switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [0x47, 0x49, 0x46, 0x38, ..] => "gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "webp",
        _ => null,
    };
}
