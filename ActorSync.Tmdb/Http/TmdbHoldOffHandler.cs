using System.Net;

namespace ActorSync.Tmdb.Http;

/// <summary>
/// The last handler before the network, so it sees every attempt: none is sent while a hold-off runs (calls that
/// were queued by the rate limiter or waiting to retry when a 429 arrived), and every 429 starts or lengthens it.
/// </summary>
internal sealed class TmdbHoldOffHandler(TmdbHoldOff holdOff) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        holdOff.ThrowIfActive(Kind(request.RequestUri));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            holdOff.Start(response.Headers.RetryAfter);
        return response;
    }

    /// <summary>The resource kind ("person", "search"…) for messages: never the URL, which may carry the key.</summary>
    private static string Kind(Uri? uri) =>
        uri is null ? "TMDB" : uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var kind, ..] ? kind : "TMDB";
}
