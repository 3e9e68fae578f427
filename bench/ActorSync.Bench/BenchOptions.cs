namespace ActorSync.Bench;

/// <summary>The command line: <c>[--only &lt;figure&gt;] [--quick]</c>, plus what bench/run.sh passes (<c>--api</c>, <c>--commit</c>).</summary>
public sealed class BenchOptions
{
    /// <summary>Figure names for <c>--only</c>, in the order a full run measures them.</summary>
    public static readonly IReadOnlyList<string> Figures = ["frugality", "stampede", "latency", "throughput", "memory", "floods", "redis-footprint", "coldstart"];

    /// <summary>Figures that run only when named with <c>--only</c> (minutes each: the soak's 4 minutes of faults).</summary>
    public static readonly IReadOnlyList<string> OptInFigures = ["soak"];

    /// <summary>Names <c>--only</c> also accepts, and the figure that measures them.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        // The document cache hit ratio is read during the throughput runs.
        ["doccache"] = "throughput",
    };

    public const string Usage = """
        usage: bench/run.sh [--only <figure>] [--quick]
          --only <figure>  run one figure: frugality | stampede | latency | throughput | memory | floods | redis-footprint | coldstart | doccache | soak
                           (doccache is measured during the throughput runs, so it runs those; soak, 4 minutes of
                           live load with TMDB and Redis faults, runs only when named)
          --quick          shorter load phases (throughput 3 s + 1 s warm-up instead of 10 s + 2 s; memory load 15 s instead of 60 s;
                           floods a quarter of their requests; soak 1 min instead of 4)
          --api-env K=V    also set K=V in the API's environment (repeatable), for diagnostics such as
                           --api-env Logging__LogLevel__Default=Warning or --api-env DataLoaders__MaxConcurrency=16
        """;

    public string? Only { get; private init; }
    public bool Quick { get; private init; }
    public string ApiDll { get; private init; } = "";

    /// <summary>The published bench/EmptyApp (<c>--empty-app</c>), the cold-start figure's floor; null when not given.</summary>
    public string? EmptyAppDll { get; private init; }
    public string Commit { get; private init; } = "unknown";

    /// <summary>Extra environment for every API process the figures start (<c>--api-env</c>), applied last.</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; private init; } = new Dictionary<string, string>();

    public IEnumerable<string> SelectedFigures => Only is null ? Figures : [Only];

    /// <summary>The command that reproduces <paramref name="figure"/>, as run from the repository root.</summary>
    public string CommandFor(string figure) =>
        $"bench/run.sh --only {figure}{(Quick ? " --quick" : "")}{string.Concat(ApiEnvironment.Select(e => $" --api-env {e.Key}={e.Value}"))}";

    public TimeSpan ThroughputDuration => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);

    /// <summary>Rounds of the three throughput runs (health, comparison without and with the result cache); medians are reported.</summary>
    public int ThroughputRounds => Quick ? 1 : 3;
    public TimeSpan ThroughputWarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
    public TimeSpan MemoryLoadDuration => Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(60);

    /// <summary>Parses the arguments; null (after printing why) when they are wrong or help was asked for.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        string? only = null;
        var quick = false;
        string? api = null;
        string? emptyApp = null;
        var commit = "unknown";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only" when i + 1 < args.Length:
                    var name = args[++i];
                    only = Aliases.GetValueOrDefault(name, name);
                    if (!Figures.Contains(only) && !OptInFigures.Contains(only))
                    {
                        error.WriteLine($"unknown figure \"{name}\"\n{Usage}");
                        return null;
                    }
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--api" when i + 1 < args.Length:
                    api = args[++i];
                    break;
                case "--empty-app" when i + 1 < args.Length:
                    emptyApp = Path.GetFullPath(args[++i]);
                    break;
                case "--api-env" when i + 1 < args.Length && args[i + 1].IndexOf('=', StringComparison.Ordinal) > 0:
                    var (key, value) = (args[i + 1][..args[i + 1].IndexOf('=', StringComparison.Ordinal)], args[i + 1][(args[i + 1].IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    environment[key] = value;
                    i++;
                    break;
                case "--commit" when i + 1 < args.Length:
                    commit = args[++i];
                    break;
                case "--help" or "-h":
                    error.WriteLine(Usage);
                    return null;
                default:
                    error.WriteLine($"unexpected argument \"{args[i]}\"\n{Usage}");
                    return null;
            }
        }
        if (api is null || !File.Exists(api))
        {
            error.WriteLine($"--api <published ActorSync.GraphQL.dll> is required (bench/run.sh passes it); got \"{api}\".");
            return null;
        }
        return new BenchOptions { Only = only, Quick = quick, ApiDll = Path.GetFullPath(api), EmptyAppDll = emptyApp, Commit = commit, ApiEnvironment = environment };
    }
}
