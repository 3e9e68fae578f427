using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace ActorSync.Tmdb.Http;

public static class TmdbHttpServiceCollectionExtensions
{
    public const string PipelineName = "tmdb";

    /// <summary>
    /// Registers <see cref="TmdbHttpClient"/> (a typed client) with its resilience pipeline, outermost
    /// first: total timeout, retries (jittered exponential back-off, Retry-After honoured), circuit breaker,
    /// client-side rate limiter, per-attempt timeout. <see cref="TmdbOptions"/> and
    /// <see cref="TmdbResilienceOptions"/> come from the options system.
    /// </summary>
    public static IHttpClientBuilder AddTmdbHttpClient(this IServiceCollection services)
    {
        services.AddOptions<TmdbResilienceOptions>();
        services.AddOptions<TmdbFairShareOptions>();
        services.AddTransient<TmdbRequestShareHandler>();
        services.AddSingleton<TmdbCircuit>();

        var builder = services
            .AddHttpClient<TmdbHttpClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TmdbOptions>>().Value;
                http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeouts govern
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ActorSync", "1.0"));
            })
            // The request URI may carry the v3 key (api_key=…): no framework logging of requests at all.
            .RemoveAllLoggers()
            // Before the resilience handler, so outside it: see TmdbRequestShareHandler.
            .AddHttpMessageHandler<TmdbRequestShareHandler>();

        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TmdbResilienceOptions>>().Value;
            var circuit = context.ServiceProvider.GetRequiredService<TmdbCircuit>();

            pipeline.AddTimeout(options.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && !WaitsTooLong(args.Outcome, options.MaxRetryAfter)),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = circuit.Provider,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
            pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RequestsPerSecond,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = options.RateLimitQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>5xx, 408, 429, timeouts and connection failures; never 404 (a fact) or 401 (a configuration error).</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)response.StatusCode >= 500,
        _ => false,
    };

    private static bool WaitsTooLong(Outcome<HttpResponseMessage> outcome, TimeSpan limit) =>
        outcome.Result?.Headers.RetryAfter is { } retryAfter
        && (retryAfter.Delta ?? (retryAfter.Date - DateTimeOffset.UtcNow)) > limit;
}
