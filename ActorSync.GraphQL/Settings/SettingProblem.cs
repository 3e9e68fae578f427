namespace ActorSync.GraphQL.Settings;

/// <summary>
/// One bad setting, named the way an operator sets it on Render: the environment variable (<c>TMDB_MODE</c>,
/// <c>QueryLimits__MaxCost</c>). <see cref="Message"/> is a whole sentence that starts with that name, says what is
/// allowed and, unless the value is a secret, what was set.
/// </summary>
public sealed record SettingProblem(string Variable, string Message)
{
    /// <summary>
    /// The environment variable for a configuration key: <c>QueryLimits:MaxCost</c> is <c>QueryLimits__MaxCost</c>, and a
    /// mapped key is its variable (<c>Tmdb:Mode</c> is <c>TMDB_MODE</c>, see <see cref="EnvironmentVariables"/>).
    /// </summary>
    public static string VariableOf(string configurationKey) => EnvironmentVariables.VariableOf(configurationKey);

    public override string ToString() => Message;
}

/// <summary>Bad settings as one exception; <see cref="Describe"/> is the one line a failed start writes (SettingsFailure).</summary>
public sealed class SettingsException(IReadOnlyList<SettingProblem> problems) : InvalidOperationException(Describe(problems))
{
    public IReadOnlyList<SettingProblem> Problems { get; } = problems;

    /// <summary>One line: every problem, in the order found.</summary>
    public static string Describe(IReadOnlyList<SettingProblem> problems) => problems.Count == 1
        ? $"ActorSync cannot start: {problems[0].Message}"
        : $"ActorSync cannot start: {problems.Count} settings are wrong: {string.Join(" ", problems.Select((p, i) => $"({i + 1}) {p.Message}"))}";
}
