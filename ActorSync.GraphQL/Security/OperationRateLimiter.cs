using System.Threading.RateLimiting;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Redis;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// GraphQL-aware rate limits per client: an operation is classified by its root fields after parsing (search,
/// compare, or default) and takes one permit from each budget it falls under. With Redis the budgets are
/// shared by every instance; if Redis fails, in-process budgets take over (never no limits).
/// </summary>
public sealed class OperationRateLimiter : IAsyncDisposable
{
    public const string Search = "search";
    public const string Compare = "compare";
    public const string Default = "default";

    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _local;
    private readonly PartitionedRateLimiter<string>? _shared;
    private readonly RedisConnection? _redis;
    private readonly ILogger<OperationRateLimiter> _logger;

    public OperationRateLimiter(IOptions<RateLimitOptions> options, IServiceProvider services, ILogger<OperationRateLimiter> logger)
    {
        _options = options.Value;
        _logger = logger;
        _local = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.LimitFor(PolicyOf(key)),
            Window = _options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        _redis = services.GetService<RedisConnection>();
        if (_redis is { } redis)
        {
            _shared = PartitionedRateLimiter.Create<string, string>(key => RedisRateLimitPartition.GetFixedWindowRateLimiter("actorsync:rl:" + key, _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis.GetAsync().GetAwaiter().GetResult(),
                PermitLimit = _options.LimitFor(PolicyOf(key)),
                Window = _options.Window,
            }));
        }
    }

    public bool Enabled => _options.Enabled;

    /// <summary>The budgets' window in whole seconds (at least 1), as the rate-limit headers state it.</summary>
    public int WindowSeconds => (int)Math.Max(1, Math.Ceiling(_options.Window.TotalSeconds));

    /// <summary>The budgets an operation falls under, from its root fields (fragments on the root included).</summary>
    public static IReadOnlyList<string> Classify(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var fragments = FragmentTable.Of(document);
        var names = new List<string>();
        var seen = new HashSet<string>();
        void Collect(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        names.Add(field.Name.StringValue);
                        break;
                    case GraphQLInlineFragment inline:
                        Collect(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when seen.Add(spread.FragmentName.Name.StringValue)
                        && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        Collect(fragment.SelectionSet);
                        break;
                }
            }
        }
        Collect(operation.SelectionSet);

        var policies = new List<string>(2);
        if (names.Any(n => n.StartsWith(Search, StringComparison.Ordinal)))
            policies.Add(Search);
        // A path search reads up to hundreds of TMDB resources: it shares the comparisons' tighter budget.
        if (names.Any(n => n.StartsWith(Compare, StringComparison.Ordinal) || n == "actorPath"))
            policies.Add(Compare);
        if (policies.Count == 0)
            policies.Add(Default);
        return policies;
    }

    /// <summary>Takes one permit per policy for this client; the first refusal wins.</summary>
    public async Task<RateDecision> AcquireAsync(string client, IEnumerable<string> policies, CancellationToken cancellationToken)
    {
        RateDecision? tightest = null;
        foreach (var policy in policies)
        {
            var decision = await AcquireOneAsync($"{policy}:{client}", policy, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
                return decision;
            if (tightest is null || decision.Remaining < tightest.Remaining)
                tightest = decision;
        }
        return tightest ?? new RateDecision(true, Default, _options.DefaultPerWindow, _options.DefaultPerWindow, null);
    }

    private async Task<RateDecision> AcquireOneAsync(string key, string policy, CancellationToken cancellationToken)
    {
        var limit = _options.LimitFor(policy);
        if (_shared is not null && _redis is not null && (await _redis.GetAsync().ConfigureAwait(false)).IsConnected)
        {
            try
            {
                using var lease = await _shared.AcquireAsync(key, 1, cancellationToken).ConfigureAwait(false);
                // A refusal by the limit comes with figures; a lease refused without any is Redis failing underneath.
                var metadata = lease.GetAllMetadata().ToDictionary(m => m.Key, m => m.Value);
                if (lease.IsAcquired || metadata.Count > 0)
                {
                    var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var left) ? (int)left : (int?)null;
                    return new RateDecision(lease.IsAcquired, policy, limit, remaining ?? 0, lease.IsAcquired ? null : SharedRetryAfter(metadata));
                }
                _logger.LogWarning("Shared rate limits unavailable; using this instance's limits");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                _logger.LogWarning("Shared rate limits unavailable ({Error}); using this instance's limits", ex.GetType().Name);
            }
        }

        using var localLease = _local.AttemptAcquire(key);
        var available = (int)(_local.GetStatistics(key)?.CurrentAvailablePermits ?? 0);
        return new RateDecision(localLease.IsAcquired, policy, limit, available, RetryAfter(localLease));
    }

    private TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.IsAcquired ? null
        : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
        : _options.Window;

    /// <summary>RedisRateLimiting states the wait in seconds (or as a reset time); read whichever it gave.</summary>
    private TimeSpan SharedRetryAfter(Dictionary<string, object?> metadata)
    {
        foreach (var name in new[] { MetadataName.RetryAfter.Name, "RATELIMIT_RETRYAFTER" })
        {
            switch (metadata.GetValueOrDefault(name))
            {
                case TimeSpan span:
                    return span;
                case int seconds:
                    return TimeSpan.FromSeconds(seconds);
                case long seconds:
                    return TimeSpan.FromSeconds(seconds);
            }
        }
        return _options.Window;
    }

    private static string PolicyOf(string key) => key[..key.IndexOf(':')];

    public async ValueTask DisposeAsync()
    {
        await _local.DisposeAsync().ConfigureAwait(false);
        if (_shared is not null)
            await _shared.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The outcome for one operation: allowed, or refused with how long to wait.</summary>
public sealed record RateDecision(bool Allowed, string Policy, int Limit, int Remaining, TimeSpan? RetryAfter)
{
    public int RetryAfterSeconds => (int)Math.Ceiling(Math.Max(1, RetryAfter?.TotalSeconds ?? 1));
}
