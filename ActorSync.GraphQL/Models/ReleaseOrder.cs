namespace ActorSync.GraphQL.Models;

/// <summary>
/// The orders every list of movies uses. Ties on the date fall back to the title, then the TMDB id, so
/// each list has one order; movies without a release date come last.
/// </summary>
public static class ReleaseOrder
{
    /// <summary>Newest release first, undated last.</summary>
    public static int NewestFirst(MovieRef a, MovieRef b) => Compare(a, b, newestFirst: true);

    /// <summary>Earliest release first (within a timeline year), undated last.</summary>
    public static int EarliestFirst(MovieRef a, MovieRef b) => Compare(a, b, newestFirst: false);

    private static int Compare(MovieRef a, MovieRef b, bool newestFirst)
    {
        var (da, db) = (a.Known?.ReleaseDate, b.Known?.ReleaseDate);
        if (da is null != db is null)
            return da is null ? 1 : -1;
        if (da is { } x && db is { } y && x != y)
            return newestFirst ? y.CompareTo(x) : x.CompareTo(y);
        var byTitle = string.Compare(a.Known?.Title, b.Known?.Title, StringComparison.OrdinalIgnoreCase);
        return byTitle != 0 ? byTitle : a.Id.CompareTo(b.Id);
    }
}
