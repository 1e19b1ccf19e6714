using System.Collections.Concurrent;
using TvNews.Core.Channels;

namespace TvNews.Rendering;

/// <summary>
/// Loaded channel themes, kept between renders of a long-lived worker: decoding the background and opening the
/// fonts costs 20-100 ms a render. The key is everything the look depends on (the branding, the channel name and
/// each branding file's size and time, as in the slide cache's key), so an edited logo or font is loaded afresh.
/// A theme is read-only once loaded and shared by concurrent renders; one that falls out of the cache is never
/// disposed here (a render may still hold it) and is freed by the finalizers of its Skia and HarfBuzz objects.
/// </summary>
internal sealed class ThemeCache
{
    private const int Capacity = 16;

    private readonly ConcurrentDictionary<string, SlideTheme> _themes = new(StringComparer.Ordinal);

    public SlideTheme Get(string key, ChannelManifest manifest, string mediaRoot)
    {
        if (_themes.TryGetValue(key, out var theme)) return theme;
        var loaded = SlideTheme.Load(manifest.Branding, mediaRoot, manifest.Name);
        if (_themes.Count >= Capacity)
        {
            foreach (var stale in _themes.Keys.Take(_themes.Count - Capacity + 1)) _themes.TryRemove(stale, out _);
        }

        var kept = _themes.GetOrAdd(key, loaded);
        if (!ReferenceEquals(kept, loaded)) loaded.Dispose();
        return kept;
    }
}
