namespace TvNews.Core.Channels;

/// <summary>
/// The playlists every device feed carries, for categories to name with <c>playlistName</c>: Roku's hand-ordered rows.
/// Names are at most 20 characters (roku-specs.md 1.10).
/// </summary>
public static class FeedPlaylists
{
    /// <summary>The producers' rundown, in its order: the channel's running order as a row.</summary>
    public const string Rundown = "rundown";

    /// <summary>The active breaking news story; empty (and left out) when there is none.</summary>
    public const string Breaking = "breaking";

    public static readonly IReadOnlyList<string> Names = [Rundown, Breaking];
}
