using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// A test class in live mode: a loopback TMDB emulator (<see cref="Tmdb"/>) starts before its tests, and stops after
/// them together with every API host the class started on it through <see cref="LiveApi"/>.
/// </summary>
public abstract class LiveTmdbTestBase : IAsyncLifetime
{
    private readonly List<ApiFactory> _factories = [];

    protected TmdbEmulator Tmdb { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Tmdb = await TmdbEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
            await factory.DisposeAsync();
        await Tmdb.DisposeAsync();
    }

    /// <summary>An API host in live mode on the emulator, with these settings (a later one wins), stopped with the class.</summary>
    protected ApiFactory LiveApi(params (string Key, string Value)[] settings) => LiveApiAt(Tmdb.BaseUrl, Tmdb.ApiKey, settings);

    /// <summary>The same against another TMDB address or key (an unused port, a wrong key).</summary>
    protected ApiFactory LiveApiAt(string baseUrl, string key, params (string Key, string Value)[] settings)
    {
        var factory = new ApiFactory().Live(baseUrl, key);
        foreach (var (name, value) in settings)
            factory.With(name, value);
        _factories.Add(factory);
        return factory;
    }
}
