using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel socket, for clients outside the process (node, browsers): offline mode like
/// <see cref="ApiFactory"/>, listening on 127.0.0.1 only, on a port the OS picks. The server starts on first use of
/// <see cref="BaseAddress"/>, <see cref="GraphQLUri"/>, <c>Services</c> or <c>CreateClient()</c>; the clients it
/// creates talk to that socket. Hermetic like <see cref="ApiFactory"/>: the process's environment does not reach the app.
/// </summary>
public sealed class KestrelApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["TMDB_MODE"] = "offline",
        ["TMDB_API_KEY"] = "",
        // Suites send hundreds of requests from one client; the rate-limit tests turn limits back on.
        ["RateLimits:Enabled"] = "false",
        // Render's PORT would ask for 0.0.0.0:$PORT; the factory's 127.0.0.1:0 wins anyway, and the ambient
        // environment is kept out (AmbientEnvironment), but say so where the socket is chosen.
        ["PORT"] = "",
    };

    private bool _configured;

    public KestrelApiFactory()
    {
        // Kestrel without a port of the factory's: UseKestrel(port) rewrites the server's addresses after the app has
        // been built, racing the app's own start of Kestrel (which makes them read-only), and now and then lost that
        // race ("IServerAddressesFeature.Addresses cannot be modified after the server has started"). The app is told
        // its address like any setting instead (ConfigureWebHost): 127.0.0.1, port 0 (the OS picks a free one).
        UseKestrel();
    }

    /// <summary>Everything the app logged, at every level.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Overrides one configuration setting (e.g. <c>TMDB_MODE</c>); call before the server starts.</summary>
    public KestrelApiFactory With(string key, string? value)
    {
        if (_configured)
            throw new InvalidOperationException($"With(\"{key}\", …) was called after the server started; settings must come first.");
        _settings[key] = value;
        return this;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>. Starts the server if needed.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var bound = addresses
                .Select(address => new Uri(address))
                .Where(uri => IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip) && uri.Port > 0)
                .ToArray();
            if (bound.Length == 0 || bound.Length != addresses.Count)
                throw new InvalidOperationException($"Expected Kestrel to listen on 127.0.0.1 only; it listens on: {string.Join(", ", addresses)}.");
            return new Uri(bound[0].GetLeftPart(UriPartial.Authority) + "/");
        }
    }

    /// <summary>The GraphQL endpoint on the real socket: <c>http://127.0.0.1:&lt;port&gt;/graphql</c>.</summary>
    public Uri GraphQLUri => new(BaseAddress, "graphql");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _configured = true;
        builder.UseEnvironment("Testing");
        builder.UseHermeticSettings(_settings);
        builder.UseUrls("http://127.0.0.1:0");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        });
    }
}
