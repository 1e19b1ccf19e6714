namespace TvNews.Data;

internal static class Db
{
    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; records speak <see cref="DateTimeOffset"/>.</summary>
    public static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
