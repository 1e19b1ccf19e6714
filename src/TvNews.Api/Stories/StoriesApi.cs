using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Auth;
using TvNews.Core.Slides;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

public static class StoriesApi
{
    public static IEndpointRouteBuilder MapStories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stories").WithTags("Producers").RequireAuthorization(Policies.Viewer);
        group.MapGet("/{storyId:guid}", GetAsync);
        group.MapGet("/{storyId:guid}/versions", VersionsAsync);
        group.MapPut("/{storyId:guid}/lock", (Guid storyId, HttpContext http, StoryStore stories, TimeProvider clock, CancellationToken ct) => SetLockAsync(storyId, true, http, stories, clock, ct))
            .RequireAuthorization(Auth.Policies.Editor);
        group.MapPut("/{storyId:guid}/slides", SetSlidesAsync).RequireAuthorization(Auth.Policies.Producer);
        group.MapDelete("/{storyId:guid}/slides", ClearSlidesAsync).RequireAuthorization(Auth.Policies.Producer);
        group.MapDelete("/{storyId:guid}/lock", (Guid storyId, HttpContext http, StoryStore stories, TimeProvider clock, CancellationToken ct) => SetLockAsync(storyId, false, http, stories, clock, ct))
            .RequireAuthorization(Auth.Policies.Editor);
        group.MapLifecycle();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLockAsync(Guid storyId, bool locked, HttpContext http, StoryStore stories, TimeProvider clock, CancellationToken ct)
    {
        var write = await stories.SetLockedAsync(storyId, locked, StoryETags.IfMatch(http.Request), Auth.Actors.ToAuditActor(http.User), clock.GetUtcNow(), ct);
        return StoryETags.Problem(storyId, write, http.Response) is { } problem ? problem : TypedResults.NoContent();
    }

    /// <param name="DurationSeconds">Set: the producer's duration, kept as given. Omitted: reading time at the channel's pace.</param>
    /// <param name="Image">An image slide's picture: one of the story's stored pictures (<c>images/….jpg</c>, as in the
    /// article's <c>leadImage.storedPath</c> / <c>images[].storedPath</c> or a slide's <c>image</c>). Omitted: the picture
    /// of the plan's image slide with the same caption, else of the plan's next image slide, else none (the caption
    /// shows over the channel background).</param>
    /// <param name="Kind">Title, Image, KeyPoint, Quote or Outro (a string, so a wrong one is a validation problem naming the field).</param>
    public sealed record SlideEdit(string? Kind, string? Text, string? Label, string? Attribution, double? DurationSeconds, string? Image = null)
    {
        public SlideKind? ParsedKind() =>
            Kind is { Length: > 0 } k && char.IsLetter(k[0]) && Enum.TryParse<SlideKind>(k, ignoreCase: true, out var kind) ? kind : null;
    }

    public sealed record SlidesEdit(IReadOnlyList<SlideEdit>? Slides);

    /// <summary>
    /// A producer's slide plan: reorder, edit, drop or add slides and set durations in one call. It stays in force over
    /// re-ingests of the article until removed with DELETE; a story on air is re-rendered with it. A bad plan is a
    /// validation problem naming each field, and nothing is written.
    /// </summary>
    private static async Task<Results<Ok<StoryView>, ValidationProblem, ProblemHttpResult>> SetSlidesAsync(Guid storyId, SlidesEdit edit, HttpContext http,
        StoryStore stories, StoryViews views, Channels.ChannelCatalog catalog, Rendering.RenderSignal signal, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (edit.Slides is not { Count: > 0 and <= 40 }) errors["slides"] = ["Send 1 to 40 slides."];
        for (var i = 0; i < (edit.Slides?.Count ?? 0); i++)
        {
            var slide = edit.Slides![i];
            if (slide is null)
            {
                errors[$"slides[{i}]"] = ["A slide is required."];
                continue;
            }
            if (slide.ParsedKind() is null) errors[$"slides[{i}].kind"] = [$"The kind is one of {string.Join(", ", Enum.GetNames<SlideKind>())}."];
            if (string.IsNullOrWhiteSpace(slide.Text) || slide.Text.Length > 600) errors[$"slides[{i}].text"] = ["Text is required, at most 600 characters."];
            if (slide.Label?.Length > 200) errors[$"slides[{i}].label"] = ["A label is at most 200 characters."];
            if (slide.Attribution?.Length > 200) errors[$"slides[{i}].attribution"] = ["An attribution is at most 200 characters."];
            if (slide.DurationSeconds is { } seconds && (!double.IsFinite(seconds) || seconds is < 1 or > 60))
                errors[$"slides[{i}].durationSeconds"] = ["Duration must be 1-60 seconds, or omitted for reading time."];
            if (slide.Image is not null && slide.ParsedKind() is { } k && k != SlideKind.Image) errors[$"slides[{i}].image"] = ["Only image slides show a picture."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The slide plan is not valid");

        var story = await stories.GetAsync(storyId, ct);
        if (story is null || catalog.Find(story.ChannelId) is not { } channel)
            return StoryProblems.Unknown(storyId);

        // Only the story's own pictures: a path from a request never reaches the renderer unchecked.
        var pictures = StoredPictures(story);
        for (var i = 0; i < edit.Slides!.Count; i++)
        {
            if (edit.Slides[i].Image is { } image && !pictures.Contains(image))
                errors[$"slides[{i}].image"] = [$"'{image}' is not one of this story's pictures ({(pictures.Count == 0 ? "it has none" : string.Join(", ", pictures.Order(StringComparer.Ordinal)))})."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The slide plan is not valid");

        var images = ResolvePictures(edit.Slides, story.Plan);
        var pacing = channel.Manifest.Pacing;
        var plan = new SlidePlan(edit.Slides.Select((s, i) =>
        {
            var slide = new Slide(s.ParsedKind()!.Value, s.Text!.Trim(), Blank(s.Label), Blank(s.Attribution), s.DurationSeconds ?? 0)
            {
                Image = images[i],
                DurationFixed = s.DurationSeconds is not null,
            };
            return SlideDurations.Apply(slide, pacing);
        }).ToList());
        var write = await stories.SetPlanOverrideAsync(storyId, plan, Articles.ArticleIngest.PlanHash(plan, channel.Manifest), StoryETags.IfMatch(http.Request),
            StoryETags.IsEditor(http), Auth.Actors.ToAuditActor(http.User), clock.GetUtcNow(), ct);
        if (StoryETags.Problem(storyId, write, http.Response) is { } problem) return problem;
        if (write.RenderQueued) signal.Wake();
        return TypedResults.Ok(StoryETags.WithETag((await views.GetAsync(storyId, ct))!, http.Response));
    }

    /// <summary>Drops the producer's plan: the story is planned afresh from its article's current version (unless locked).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ClearSlidesAsync(Guid storyId, HttpContext http, StoryStore stories, Channels.ChannelCatalog catalog,
        Rendering.RenderSignal signal, TimeProvider clock, CancellationToken ct)
    {
        var story = await stories.GetAsync(storyId, ct);
        if (story is null || catalog.Find(story.ChannelId) is not { } channel)
            return StoryProblems.Unknown(storyId);
        var write = await stories.ClearPlanOverrideAsync(storyId,
            (article, firstSeen) => Articles.ArticleIngest.Plan(article, channel.Manifest, firstSeen), StoryETags.IfMatch(http.Request),
            StoryETags.IsEditor(http), Auth.Actors.ToAuditActor(http.User), clock.GetUtcNow(), ct);
        if (StoryETags.Problem(storyId, write, http.Response) is { } problem) return problem;
        if (write.RenderQueued) signal.Wake();
        return TypedResults.NoContent();
    }

    /// <summary>Pictures a slide may show: the article's stored ones, and those the current plan already shows (an older version's).</summary>
    private static HashSet<string> StoredPictures(StoryRecord story)
    {
        var article = story.Article;
        return new[] { article.LeadImage?.StoredPath }.Concat(article.Images.Select(i => i.StoredPath)).Concat(story.Plan.Slides.Select(s => s.Image))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Each edited image slide's picture: the one named; else the picture of the current plan's image slide with the same
    /// caption (a reordered slide keeps its picture); else that of the current plan's next image slide not taken yet.
    /// </summary>
    private static string?[] ResolvePictures(IReadOnlyList<SlideEdit> edits, SlidePlan current)
    {
        var planned = current.Slides.Where(s => s.Kind == SlideKind.Image).ToList();
        var taken = new bool[planned.Count];
        var result = new string?[edits.Count];
        var open = new List<int>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].ParsedKind() != SlideKind.Image) continue;
            var named = edits[i].Image;
            var text = edits[i].Text!.Trim();
            var match = -1;
            for (var j = 0; j < planned.Count && match < 0; j++)
            {
                if (!taken[j] && (named is null ? planned[j].Text == text : planned[j].Image == named)) match = j;
            }
            if (match >= 0) taken[match] = true;
            if (named is not null) result[i] = named;
            else if (match >= 0) result[i] = planned[match].Image;
            else open.Add(i);
        }
        foreach (var i in open)
        {
            var next = Array.IndexOf(taken, false);
            if (next < 0) break;
            taken[next] = true;
            result[i] = planned[next].Image;
        }
        return result;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed record ArticleVersionView(int Version, DateTimeOffset CreatedAt, TvNews.Core.Articles.Article Article);

    /// <summary>Every version the story's article has had, oldest first.</summary>
    private static async Task<Results<Ok<List<ArticleVersionView>>, ProblemHttpResult>> VersionsAsync(Guid storyId, TvNews.Data.Stories.StoryStore stories, CancellationToken ct)
    {
        var versions = await stories.ListVersionsAsync(storyId, ct);
        return versions.Count == 0
            ? StoryProblems.Unknown(storyId)
            : TypedResults.Ok(versions.Select(v => new ArticleVersionView(v.Version, v.CreatedAt, v.Article)).ToList());
    }

    private static async Task<Results<Ok<StoryView>, ProblemHttpResult>> GetAsync(Guid storyId, HttpResponse response, StoryViews views, CancellationToken ct)
    {
        var story = await views.GetAsync(storyId, ct);
        return story is null
            ? StoryProblems.Unknown(storyId)
            : TypedResults.Ok(StoryETags.WithETag(story, response));
    }
}
