using ActorSync.GraphQL.Errors;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Search;

/// <summary>
/// Turns TMDB's fixed 20-result pages into a cursor connection of any size: fetches only the TMDB pages
/// the requested window touches, all at once.
/// </summary>
public static class SearchPager
{
    private const int TmdbPageSize = OfflineTmdbClient.PageSize;

    /// <summary>TMDB serves 500 pages at most, so results past this position cannot be reached.</summary>
    public const int MaxReachable = OfflineTmdbClient.MaxPage * TmdbPageSize;

    public static async Task<Connection<TNode>> PageAsync<TResult, TNode>(
        Func<int, CancellationToken, Task<TmdbSearchPage<TResult>>> fetchPage,
        int first,
        string? after,
        Func<TResult, TNode> toNode,
        CancellationToken cancellationToken)
    {
        var start = 0;
        if (after is not null)
        {
            if (!Cursor.TryDecode(after, out var position))
                throw ActorSyncError.BadUserInput("after", "after is not a cursor this API issued; pass an edge's cursor or endCursor.");
            // Every cursor this API issues is below MaxReachable; a larger position was made up (and 2^31-1 + 1 overflows).
            if (position >= MaxReachable)
                throw ActorSyncError.BadUserInput("after", $"after points past the last reachable result ({MaxReachable}); pass an edge's cursor or endCursor.");
            start = position + 1;
        }

        var end = Math.Min(start + first, MaxReachable); // exclusive
        var firstPage = start / TmdbPageSize + 1;
        var lastPage = Math.Max(firstPage, (Math.Max(end, start + 1) - 1) / TmdbPageSize + 1);
        lastPage = Math.Min(lastPage, OfflineTmdbClient.MaxPage);
        firstPage = Math.Min(firstPage, lastPage);

        var pages = await Task.WhenAll(Enumerable.Range(firstPage, lastPage - firstPage + 1)
            .Select(page => fetchPage(page, cancellationToken))).ConfigureAwait(false);
        var total = pages[0].TotalResults;
        var reachable = Math.Min(total, MaxReachable);

        var edges = new List<Edge<TNode>>(Math.Max(0, end - start));
        foreach (var page in pages)
        {
            var offset = (page.Page - 1) * TmdbPageSize;
            for (var i = 0; i < page.Results.Count; i++)
            {
                var position = offset + i;
                if (position >= start && position < end && position < reachable)
                    edges.Add(new Edge<TNode>(Cursor.Encode(position), toNode(page.Results[i])));
            }
        }

        var pageInfo = new PageInfo(
            HasNextPage: Math.Max(end, start) < reachable,
            HasPreviousPage: start > 0,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<TNode>(edges, pageInfo, total);
    }
}
