using ActorSync.GraphQL.Settings;

namespace ActorSync.GraphQL.Composition;

/// <summary>
/// Every setting, checked before anything is configured: the environment variables of DESIGN.md §3 and the others
/// (mapped onto their sections by <see cref="EnvironmentVariables"/>, each parsed by its typed options), and every
/// configuration section (<see cref="SettingsSections"/>). All problems
/// come back together, so a deploy is fixed in one round; none is left to fail a request later.
/// </summary>
public static class SettingsCheck
{
    public static IReadOnlyList<SettingProblem> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<SettingProblem>();
        configuration = EnvironmentVariables.Mapped(configuration);
        SettingsSections.CheckVariables(configuration, environment, problems);
        SettingsSections.Check(configuration, problems);
        return problems;
    }
}
