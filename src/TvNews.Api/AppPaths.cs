namespace TvNews.Api;

/// <summary>Absolute folders, resolved once at start from <see cref="TvNewsOptions"/> (relative paths are taken from the repository root).</summary>
public sealed record AppPaths(string Root, string Manifests, string SiteRules, string MediaRoot, string MediaOutput, string Samples)
{
    public static AppPaths Resolve(TvNewsOptions options, string contentRoot)
    {
        var root = FindRepositoryRoot(contentRoot) ?? contentRoot;
        string Abs(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        return new AppPaths(root, Abs(options.ManifestsPath), Abs(options.SiteRulesPath), Abs(options.MediaRoot),
            Abs(options.MediaOutput), Abs(options.SamplesPath));
    }

    /// <summary>The slide with its picture as an absolute file under <see cref="MediaOutput"/> (plans store it relative), for the renderer.</summary>
    public TvNews.Core.Slides.Slide WithPictureFile(TvNews.Core.Slides.Slide slide) =>
        slide.Image is null ? slide : slide with { Image = Path.Combine(MediaOutput, slide.Image) };

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TvNews.sln"))) return dir.FullName;
        }
        return null;
    }
}
