using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace ActorSync.Tmdb.Http;

public static class TmdbHttpServiceCollectionExtensions
{
    public const string PipelineName = "tmdb";

    /// <summary>
    /// Registers <see cref="TmdbHttpClient"/> (a typed client) with its resilience pipeline, outermost
    /// first: total timeout, retries (jittered exponential back-off, never into a 429's hold-off), circuit breaker
    /// (breaks that grow while TMDB stays down), client-side rate limiter, per-attempt timeout; then, per attempt,
    /// the 429 hold-off (<see cref="TmdbHoldOff"/>).
    /// <see cref="TmdbOptions"/> and <see cref="TmdbResilienceOptions"/> come from the options system.
    /// </summary>
    public static IHttpClientBuilder AddTmdbHttpClient(this IServiceCollection services)
    {
        services.AddOptions<TmdbResilienceOptions>();
        services.AddOptions<TmdbFairShareOptions>();
        services.AddTransient<TmdbRequestShareHandler>();
        services.AddSingleton<TmdbCircuit>();
        services.AddSingleton<TmdbHoldOff>();
        services.AddTransient<TmdbHoldOffHandler>();
        // After the resilience packages' own configuration, which sets the severities this overrides.
        services.PostConfigure<TelemetryOptions>(QuietPollyTelemetry);

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
            var holdOff = context.ServiceProvider.GetRequiredService<TmdbHoldOff>();
            var log = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(TmdbResilienceLog.Category);

            pipeline.AddTimeout(options.TotalTimeout);
            // Polly's retry strategy needs at least one attempt: MaxRetries 0 means no retry strategy at all.
            if (options.MaxRetries > 0)
                AddRetry(pipeline, options, holdOff);
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDurationGenerator = args => ValueTask.FromResult(
                    TmdbCircuit.BreakDuration(args.HalfOpenAttempts, options.FirstBreakDuration, options.MaxBreakDuration)),
                StateProvider = circuit.Provider,
                // A 429 is TMDB answering (the hold-off deals with it), not TMDB down.
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                OnOpened = args =>
                {
                    circuit.OnOpened(args.BreakDuration);
                    TmdbResilienceLog.CircuitOpened(log, Math.Round(args.BreakDuration.TotalSeconds, 1), TmdbCircuit.Describe(args.Outcome));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    TmdbResilienceLog.CircuitHalfOpened(log);
                    return default;
                },
                OnClosed = _ =>
                {
                    TmdbResilienceLog.CircuitClosed(log);
                    return default;
                },
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
            pipeline.AddTimeout(options.AttemptTimeout < options.TotalTimeout ? options.AttemptTimeout : options.TotalTimeout);
        });
        // Added after the resilience handler, so inside it: it sees each attempt, not each call.
        builder.AddHttpMessageHandler<TmdbHoldOffHandler>();
        return builder;
    }

    private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TmdbResilienceOptions options, TmdbHoldOff holdOff) =>
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            // The delay comes from the hold-off (or a 503's Retry-After) below, never sooner.
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)
                && !WaitsTooLong(args.Outcome, options.MaxRetryAfter) && holdOff.Remaining <= options.MaxRetryAfter),
            // A retry during a hold-off waits for its end (at most MaxRetryAfter, see ShouldHandle): it never
            // retries into it. Null keeps the exponential back-off.
            DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome, holdOff)),
        });

    /// <summary>5xx, 408, 429, timeouts and connection failures; never 404 (a fact) or 401 (a configuration error).</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)response.StatusCode >= 500,
        _ => false,
    };

    private static TimeSpan? RetryDelay(Outcome<HttpResponseMessage> outcome, TmdbHoldOff holdOff)
    {
        // A little past the end, so the retry does not arrive a tick early and find the hold-off still running.
        if (holdOff.Remaining is var left && left > TimeSpan.Zero)
            return left + TimeSpan.FromMilliseconds(20);
        return outcome.Result?.Headers.RetryAfter is { } retryAfter
            ? TmdbHoldOff.HoldOffFor(retryAfter, DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.MaxValue)
            : null;
    }

    /// <summary>
    /// Polly's own logs for this pipeline are off: one line per attempt (Information) and a stack trace per rejected
    /// call, 80 % of the log volume in a soak. <see cref="TmdbResilienceLog"/> writes the events that matter instead.
    /// </summary>
    private static void QuietPollyTelemetry(TelemetryOptions telemetry)
    {
        var previous = telemetry.SeverityProvider;
        telemetry.SeverityProvider = args =>
            args.Source.PipelineName?.EndsWith("-" + PipelineName, StringComparison.Ordinal) == true
                ? ResilienceEventSeverity.None
                : previous?.Invoke(args) ?? args.Event.Severity;
    }

    private static bool WaitsTooLong(Outcome<HttpResponseMessage> outcome, TimeSpan limit) =>
        outcome.Result?.Headers.RetryAfter is { } retryAfter
        && (retryAfter.Delta ?? (retryAfter.Date - DateTimeOffset.UtcNow)) > limit;
}
