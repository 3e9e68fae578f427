using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Redis;

/// <summary>Reads <c>REDIS_URL</c>: <c>redis://[[user]:password@]host[:port][/db]</c>, or <c>rediss://</c> for TLS.</summary>
public static class RedisUrl
{
    public static ConfigurationOptions Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
            throw new InvalidOperationException("REDIS_URL must look like redis://[:password@]host:port[/db] or rediss://… (TLS).");

        var options = new ConfigurationOptions
        {
            Ssl = uri.Scheme == "rediss",
            // Start even when Redis is down, and keep reconnecting in the background: memory serves meanwhile.
            AbortOnConnectFail = false,
            ConnectRetry = 3,
            ConnectTimeout = 3000,
            AsyncTimeout = 2000,
            SyncTimeout = 2000,
            KeepAlive = 10,
            ReconnectRetryPolicy = new LinearRetry(1000),
            // While disconnected, fail Redis commands at once instead of queueing them until a timeout:
            // the caller falls back to memory and TMDB without waiting.
            BacklogPolicy = BacklogPolicy.FailFast,
            ClientName = "actorsync",
        };
        if (options.Ssl)
            options.SslHost = uri.Host;
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(parts[0]);
            var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
            if (password is null)
            {
                options.Password = user; // redis://password@host is a common shorthand
            }
            else
            {
                options.Password = password;
                if (user.Length > 0 && user != "default")
                    options.User = user;
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db))
                throw new InvalidOperationException("REDIS_URL's path must be a database number, as in redis://host:6379/0.");
            options.DefaultDatabase = db;
        }
        return options;
    }

    /// <summary>The URL without its password, for logs.</summary>
    public static string Describe(ConfigurationOptions options) =>
        $"{(options.Ssl ? "rediss" : "redis")}://{string.Join(",", options.EndPoints.Select(Describe))}/{options.DefaultDatabase ?? 0}";

    // DnsEndPoint.ToString() reads "Unspecified/host:6379"; logs want host:port.
    private static string Describe(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };
}
