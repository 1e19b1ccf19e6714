namespace TvNews.Api.Rendering;

/// <summary>How far one render got: a stage name and the fraction of the whole render (0-1).</summary>
public sealed record RenderStep(string Stage, double Progress)
{
    public const string Slides = "slides";
    public const string Encoding = "encoding";
    public const string Done = "done";
}
