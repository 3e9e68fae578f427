using System.Web;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>How the figures read the emulator's record of TMDB calls.</summary>
public static class EmulatorCalls
{
    /// <summary>The call's path and query without the API key: what makes two calls the same TMDB request.</summary>
    public static string Request(RecordedCall call)
    {
        var query = HttpUtility.ParseQueryString(call.QueryString);
        query.Remove("api_key");
        return query.Count == 0 ? call.Path : $"{call.Path}?{query}";
    }

    /// <summary>
    /// The TMDB resource a call fetched, named as the figures name what a query needs: <c>person/287</c>, <c>movie/550</c>,
    /// <c>search/person?query=tom&amp;page=2</c> (search pages differ by page).
    /// </summary>
    public static string Resource(RecordedCall call)
    {
        var path = call.Path.StartsWith("/3/", StringComparison.Ordinal) ? call.Path[3..] : call.Path;
        if (!path.StartsWith("search/", StringComparison.Ordinal))
            return path;
        var query = HttpUtility.ParseQueryString(call.QueryString);
        return SearchResource(path["search/".Length..], query["query"] ?? "", int.TryParse(query["page"], out var page) ? page : 1);
    }

    public static string SearchResource(string kind, string text, int page) => $"search/{kind}?query={text}&page={page}";

    /// <summary>
    /// Calls grouped into round trips, in arrival order: a call arriving more than half a latency after its group's first
    /// starts a new group (with TMDB taking <paramref name="latency"/> per call, one round trip's calls arrive together).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<RecordedCall>> RoundTrips(IEnumerable<RecordedCall> calls, TimeSpan latency)
    {
        var gap = latency / 2;
        var trips = new List<List<RecordedCall>>();
        foreach (var call in calls.OrderBy(c => c.Timestamp))
        {
            if (trips.Count == 0 || call.Timestamp - trips[^1][0].Timestamp > gap)
                trips.Add([]);
            trips[^1].Add(call);
        }
        return trips;
    }

    /// <summary>"n calls for m distinct": the duplicates, most repeated first (at most <paramref name="top"/>).</summary>
    public static string Duplicates(IReadOnlyList<RecordedCall> calls, int top = 3)
    {
        var repeated = calls.GroupBy(Request).Where(g => g.Count() > 1).OrderByDescending(g => g.Count()).Take(top)
            .Select(g => $"{g.Key} ×{g.Count()}").ToArray();
        return repeated.Length == 0 ? "none" : string.Join(", ", repeated);
    }
}
