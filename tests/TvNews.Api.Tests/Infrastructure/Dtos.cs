using System.Text.Json;

namespace TvNews.Api.Tests.Infrastructure;

// What the tests read back from the API: their own shapes, so a renamed field fails a test.

public sealed record QuoteDto(string Text, string? Speaker, string? SpeakerRole, bool Partial);

public sealed record LeadImageDto(string? Url, string? Caption, string? Credit, string? StoredPath = null, int? BeforeParagraph = null);

public sealed record ArticleDto(string Headline, bool HeadlineDerived, string? Section, string? Category, string? Byline, string? Dateline,
    DateTimeOffset? PublishedAt, string Language, string Direction, LeadImageDto? LeadImage, List<string> Paragraphs, List<QuoteDto> Quotes,
    string? SourceUrl, List<LeadImageDto>? Images = null);

public sealed record IngestDto(Guid StoryId, bool Created, int ArticleVersion, string State, string RenderState, ArticleDto Article, string StoryUrl);

public sealed record SlideDto(string Kind, string Text, string? Label, string? Attribution, double DurationSeconds, string? ImageUrl,
    bool DurationFixed = false, string? Image = null, string? PictureUrl = null, string? Image720Url = null, string? VerticalImageUrl = null,
    double? OnScreenSeconds = null);

public sealed record MediaDto(string Mp4, string Hls, string Thumbnail, string CaptionsVtt, string CaptionsSrt, string? VerticalMp4 = null,
    string? CaptionsTtml = null, string? TrickPlayHd = null);

public sealed record StoryDto(Guid Id, string ChannelId, string State, string RenderState, DateTimeOffset? PublishedAt,
    ArticleDto Article, double DurationSeconds, List<SlideDto> Slides, MediaDto? Media, bool PlanEdited = false, int ArticleVersion = 0);

public sealed record ProblemDto(string? Type, string? Title, int? Status, string? Detail);

public sealed record ValidationProblemDto(string? Title, int? Status, Dictionary<string, string[]> Errors);

public sealed record JobDto(long Id, Guid StoryId, string ChannelId, string State, int Attempts, int MaxAttempts, string? LastError,
    double Progress, string? Stage, string? WorkerId, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, DateTimeOffset? NextAttemptAt, DateTimeOffset? LeaseUntil);

public sealed record JobListDto(List<JobDto> Jobs);

internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
