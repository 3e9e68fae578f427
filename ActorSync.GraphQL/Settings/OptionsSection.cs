using System.Reflection;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Settings;

/// <summary>
/// A configuration section and the typed options it binds to (<c>QueryLimits</c> → <c>QueryLimitsOptions</c>): how it
/// is registered, and how it is checked before the server listens.
/// </summary>
public abstract class OptionsSection(string path, Type optionsType, bool owned)
{
    /// <summary>The configuration path (<c>Tmdb:Resilience</c>); its variables start with it (<c>Tmdb__Resilience__</c>).</summary>
    public string Path { get; } = path;

    public Type OptionsType { get; } = optionsType;

    /// <summary>
    /// Ours: a key no property matches is a typo (reported). Not ours (a library's, such as Kestrel's limits): only
    /// values its binder would refuse are reported; keys and ranges are the library's business.
    /// </summary>
    public bool Owned { get; } = owned;

    /// <summary>Keys of a library's section that ActorSync reads and checks itself (Sentry:TracesSampleRate): not twice.</summary>
    public IReadOnlyList<string> CheckedElsewhere { get; init; } = [];

    /// <summary>The settable properties by name, as the binder matches them (case-insensitively).</summary>
    public IReadOnlyDictionary<string, PropertyInfo> Properties { get; } = optionsType
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.SetMethod?.IsPublic == true)
        .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);

    public abstract void Register(IServiceCollection services, IConfiguration configuration);

    /// <summary>Adds every problem of this section to <paramref name="problems"/>.</summary>
    public void Check(IConfiguration configuration, ICollection<SettingProblem> problems)
    {
        var section = configuration.GetSection(Path);
        var refused = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (CheckedElsewhere.Contains(child.Key, StringComparer.OrdinalIgnoreCase) || (Owned && IsUnset(child)))
                continue;
            if (!Properties.TryGetValue(child.Key, out var property))
            {
                if (Owned)
                    problems.Add(UnknownKey(child, Properties.Keys.Select(name => ConfigurationPath.Combine(Path, name))));
                continue;
            }
            if (BindingError(section, child) is { } error)
            {
                problems.Add(Refused(child, property, error));
                refused.Add(property.Name);
            }
        }
        if (!Owned)
            return;
        // The rules are checked on the values that did bind (the others are reported above), so one unreadable value
        // does not hide another that is out of range.
        var options = Activator.CreateInstance(OptionsType)!;
        Relative(section, key => !refused.Contains(key.Split(ConfigurationPath.KeyDelimiter)[0])).Bind(options);
        foreach (var problem in SettingRules.Validate(options, section))
        {
            if (!refused.Any(name => problem.Variable.Equals(SettingRules.VariableOf(section, name), StringComparison.OrdinalIgnoreCase)))
                problems.Add(problem);
        }
    }

    /// <summary>
    /// The keys of <paramref name="section"/> that <paramref name="include"/> keeps, as a configuration of their own. In
    /// our sections a blank value is unset (the default stands), as for every environment variable ActorSync reads; the
    /// binder alone would fail on it when the options are first read.
    /// </summary>
    private IConfiguration Relative(IConfigurationSection section, Func<string, bool> include) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true)
                .Where(entry => entry.Key.Length > 0 && include(entry.Key) && !(Owned && entry.Value is { } value && string.IsNullOrWhiteSpace(value))))
            .Build();

    /// <summary>Binds the values set in <paramref name="section"/> (blank ones are unset) to <paramref name="options"/>.</summary>
    protected void BindSet(IConfigurationSection section, object options) => Relative(section, _ => true).Bind(options);

    private static bool IsUnset(IConfigurationSection key) => string.IsNullOrWhiteSpace(key.Value) && !key.GetChildren().Any();

    /// <summary>A key that is not a setting, with the closest one when it is likely a typo.</summary>
    public static SettingProblem UnknownKey(IConfigurationSection key, IEnumerable<string> known)
    {
        var variable = SettingProblem.VariableOf(key.Path);
        var knownList = known.ToList();
        return Suggestion.Closest(key.Path, knownList) is { } closest
            ? new(variable, $"{variable} is not a setting; did you mean {SettingProblem.VariableOf(closest)}?")
            : new(variable, $"{variable} is not a setting; the settings here are {string.Join(", ", knownList.Select(SettingProblem.VariableOf))}.");
    }

    /// <summary>Binds this one key alone with the real binder, into a fresh instance: what it throws, if anything.</summary>
    private Exception? BindingError(IConfigurationSection section, IConfigurationSection key)
    {
        try
        {
            Relative(section, name => name.Split(ConfigurationPath.KeyDelimiter)[0].Equals(key.Key, StringComparison.OrdinalIgnoreCase))
                .Bind(Activator.CreateInstance(OptionsType)!);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TargetInvocationException or ArgumentException or FormatException)
        {
            return ex;
        }
    }

    private SettingProblem Refused(IConfigurationSection key, PropertyInfo property, Exception error)
    {
        var variable = SettingProblem.VariableOf(ConfigurationPath.Combine(Path, property.Name));
        var shown = LooksSecret(property.Name) ? "(value not shown)" : $"\"{key.Value}\"";
        // A library's setter that refuses the value (Kestrel: "Value must be null or a positive number.") says why.
        if (!Owned && (error as TargetInvocationException)?.InnerException is ArgumentException refused)
        {
            var reason = refused.Message.Split('\n')[0];
            var parameter = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
            reason = (parameter > 0 ? reason[..parameter] : reason).TrimEnd('.');
            return new(variable, $"{variable} is refused: {reason}; got {shown}.");
        }
        return new(variable, $"{variable} must be {SettingRules.Describe(property)}; got {shown}.");
    }

    private static bool LooksSecret(string name) =>
        new[] { "Dsn", "Key", "Password", "Secret", "Token" }.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A section bound to <typeparamref name="T"/>.</summary>
public sealed class OptionsSection<T>(string path, bool owned = true) : OptionsSection(path, typeof(T), owned) where T : class, new()
{
    /// <summary>
    /// A step run on the options once they are bound, with the whole configuration: a default that lives in another
    /// section (Sentry's release defaults to Render's commit). <see cref="Register"/> and <see cref="Read"/> both run
    /// it, so the options the container gives and the ones read while services are registered are the same.
    /// </summary>
    public Action<T, IConfiguration>? Complete { get; init; }

    /// <summary>Bound, checked by <see cref="SettingRules"/> when first read (ValidateOnStart), and only then.</summary>
    public override void Register(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Path);
        services.AddOptions<T>().Configure(options => Bind(configuration, options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
    }

    /// <summary>
    /// The section's values now, for the few choices made while services are registered (whether Sentry is added at
    /// all): the same options the container gives once it is built.
    /// </summary>
    public T Read(IConfiguration configuration)
    {
        var options = new T();
        Bind(configuration, options);
        return options;
    }

    private void Bind(IConfiguration configuration, T options)
    {
        BindSet(configuration.GetSection(Path), options);
        Complete?.Invoke(options, configuration);
    }
}

/// <summary>"Did you mean": the known key closest to a typo, when it is close enough to be the one meant.</summary>
internal static class Suggestion
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var best = known.Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .MinBy(candidate => candidate.Distance);
        // Two edits (a swap, a missing letter) and no more than a third of the word: a guess, not a rewrite.
        var tail = typed.Length - typed.LastIndexOf(':') - 1;
        return best.Name is not null && best.Distance <= Math.Min(2, Math.Max(1, tail / 3)) ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
