using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ActorSync.Tmdb.Http;

/// <summary>Each request's share of the live client (configuration section <c>Tmdb:FairShare</c>).</summary>
public sealed class TmdbFairShareOptions
{
    /// <summary>
    /// TMDB calls one request may have in flight (waiting for the rate limiter included); the rest of its calls wait
    /// their turn inside the request. The client's rate limiter serves calls first come, first served: a request that
    /// queued all of its calls at once (a co-star ranking reads up to 100 movies) would hold every other request behind
    /// them. With a few places each, the requests' calls interleave and a one-call search passes a big request.
    /// </summary>
    [Range(1, 100)]
    public int CallsInFlightPerRequest { get; set; } = 4;
}

/// <summary>
/// The TMDB calls of one request (an HTTP request to the API): <see cref="Begin"/> marks where a request's work runs,
/// and every live TMDB call made in that flow, from whichever loader or resolver, takes one of the request's places.
/// </summary>
public sealed class TmdbRequestShare
{
    private static readonly AsyncLocal<TmdbRequestShare?> CurrentShare = new();

    private SemaphoreSlim? _places;

    /// <summary>Calls the running operation may still send; <see cref="long.MaxValue"/> until an operation's cost sets it.</summary>
    private long _callsLeft = long.MaxValue;

    /// <summary>What <see cref="_callsLeft"/> was set to, for the error.</summary>
    private long _allowed = long.MaxValue;

    private TmdbRequestShare()
    {
    }

    /// <summary>The share of the request whose work is running, or null outside any (health checks, start-up).</summary>
    public static TmdbRequestShare? Current => CurrentShare.Value;

    /// <summary>Starts a request's share for the code that runs from here (in an async method: until it returns).</summary>
    public static void Begin() => CurrentShare.Value = new TmdbRequestShare();

    /// <summary>
    /// The operation about to run may send at most <paramref name="calls"/> TMDB calls: what its estimated cost covers
    /// (each TMDB-backed field is priced at one call's worth). Set again for each operation of a batch, which run one
    /// after the other; cache hits take nothing from it.
    /// </summary>
    public void AllowCalls(long calls)
    {
        Interlocked.Exchange(ref _allowed, Math.Max(0, calls));
        Interlocked.Exchange(ref _callsLeft, Math.Max(0, calls));
    }

    /// <summary>Takes one call from the operation's allowance; throws when it is spent (nothing is sent then).</summary>
    internal void TakeCall()
    {
        if (Interlocked.Decrement(ref _callsLeft) < 0)
            throw new TmdbCallBudgetException(Interlocked.Read(ref _allowed));
    }

    /// <summary>Waits for one of the request's places (made on its first call, so a request that calls TMDB costs nothing).</summary>
    internal Task WaitAsync(int places, CancellationToken cancellationToken)
    {
        var semaphore = Volatile.Read(ref _places);
        if (semaphore is null)
        {
            var made = new SemaphoreSlim(places, places);
            semaphore = Interlocked.CompareExchange(ref _places, made, null) ?? made;
        }
        return semaphore.WaitAsync(cancellationToken);
    }

    internal void Release() => _places!.Release();
}

/// <summary>
/// Holds each live TMDB call to its request's share (<see cref="TmdbRequestShare"/>); outermost on the client, so a call
/// keeps its place through its retries and none of the resilience timeouts runs while it waits for one.
/// </summary>
internal sealed class TmdbRequestShareHandler(IOptions<TmdbFairShareOptions> options) : DelegatingHandler
{
    private readonly int _places = Math.Max(1, options.Value.CallsInFlightPerRequest);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TmdbRequestShare.Current is not { } share)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // Outside the resilience pipeline: a call refused here is neither retried nor counted against TMDB's health.
        share.TakeCall();
        await share.WaitAsync(_places, cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            share.Release();
        }
    }
}
