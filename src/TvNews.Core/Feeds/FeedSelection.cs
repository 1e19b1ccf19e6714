using TvNews.Core.Channels;

namespace TvNews.Core.Feeds;

/// <summary>
/// Which published stories a feed lists: the policy that keeps the Roku feed under the SDK template's 500 KB while
/// every row of the channel stays full. Walking the stories breaking-first then newest-first, a story is listed when
/// <list type="bullet">
/// <item>it is the breaking news or in the rundown (a playlist may name it), or</item>
/// <item>some query category it matches still has fewer than <see cref="FeedSettings.PerCategory"/> stories, or it
/// matches none (it then shows only in the all-stories row),</item>
/// </list>
/// and stops at <see cref="FeedSettings.MaxStories"/>. So a busy "Latest" row cannot push the last Russia story out.
/// The Roku builder then drops the oldest listed stories should the bytes still exceed the limit.
/// </summary>
public static class FeedSelection
{
    /// <summary>How many published stories the feeds are chosen from (newest first); the rest are never listed.</summary>
    public const int Candidates = 1000;

    public static IReadOnlyList<PublishedStory> Select(FeedInput input)
    {
        var settings = input.Channel.Feed;
        var queries = input.Channel.Categories.Where(c => c.Query is not null).Select(c => CategoryQuery.Parse(c.Query!)).ToList();
        var counts = new int[queries.Count];
        var pinned = new HashSet<string>(input.RundownStoryIds, StringComparer.OrdinalIgnoreCase);
        if (input.FirstStoryId is { } first) pinned.Add(first);

        var listed = new List<PublishedStory>();
        foreach (var story in input.Ordered)
        {
            if (listed.Count >= settings.MaxStories) break;
            var tags = RokuFeedBuilder.Tags(story);
            var matched = Enumerable.Range(0, queries.Count).Where(i => queries[i].Matches(tags)).ToList();
            if (!pinned.Contains(story.Id) && matched.Count > 0 && matched.All(i => counts[i] >= settings.PerCategory)) continue;
            foreach (var i in matched) counts[i]++;
            listed.Add(story);
        }
        return listed;
    }
}

/// <summary>A category query as Roku evaluates it: tags joined by AND or by OR, never both (roku-specs.md 1.10).</summary>
public sealed record CategoryQuery(IReadOnlyList<string> Terms, bool All)
{
    public static CategoryQuery Parse(string query)
    {
        var all = query.Contains(" AND ", StringComparison.Ordinal);
        var terms = query.Split(all ? " AND " : " OR ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).ToList();
        return new CategoryQuery(terms, all);
    }

    /// <param name="tags">The story's feed tags (lowercase).</param>
    public bool Matches(IReadOnlyList<string> tags) => All ? Terms.All(tags.Contains) : Terms.Any(tags.Contains);
}
