using StackExchange.Redis;

namespace ActorSync.GraphQL.Redis;

/// <summary>
/// The one Redis connection of this instance, shared by the cache, the backplane, the locker and health.
/// Connecting never fails the app: StackExchange.Redis keeps retrying in the background.
/// </summary>
public sealed class RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(() => ConnectAsync(options, logger));

    public string Description { get; } = RedisUrl.Describe(options);

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>True when a connection exists and is up right now.</summary>
    public bool IsConnected => _connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully && _connection.Value.Result.IsConnected;

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions options, ILogger logger)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}); serving from memory until it is back", e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection restored ({ConnectionType})", e.ConnectionType);
        if (!multiplexer.IsConnected)
            logger.LogWarning("Redis at {Redis} is not reachable yet; serving from memory and retrying", RedisUrl.Describe(options));
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_connection.IsValueCreated || !_connection.Value.IsCompletedSuccessfully)
            return;
        try
        {
            await _connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NullReferenceException or RedisException or ObjectDisposedException)
        {
            // StackExchange.Redis can throw while closing a connection whose server just went away (seen once as a
            // NullReferenceException in its close path): shutting down must not fail because Redis already did.
            logger.LogDebug(ex, "Closing the Redis connection failed");
        }
    }
}
