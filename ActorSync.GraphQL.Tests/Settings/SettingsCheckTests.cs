using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Settings;

/// <summary>The start-up check of every configuration section, in process (the exit itself: BadSettingsExitTests).</summary>
public sealed class SettingsCheckTests
{
    /// <summary>The values given; a later one replaces an earlier one of the same key.</summary>
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.GroupBy(v => v.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value))).Build();

    private static IReadOnlyList<SettingProblem> Problems(params (string Key, string? Value)[] values) =>
        SettingsCheck.Problems(Configuration([("TMDB_MODE", "offline"), .. values]), new HostingEnvironment { EnvironmentName = Environments.Production });

    [Theory]
    [InlineData("QueryLimits:MaxCost", "abc", "QueryLimits__MaxCost must be a number from 1 to 1000000000; got \"abc\".")]
    [InlineData("QueryLimits:MaxDepth", "1e3", "QueryLimits__MaxDepth must be a whole number from 1 to 128; got \"1e3\".")]
    [InlineData("RateLimits:SearchPerWindow", "0", "RateLimits__SearchPerWindow must be a whole number from 1 to 1000000; got \"0\".")]
    [InlineData("RateLimits:Enabled", "yes", "RateLimits__Enabled must be true or false; got \"yes\".")]
    [InlineData("Tmdb:Resilience:MaxRetries", "-1", "Tmdb__Resilience__MaxRetries must be a whole number from 0 to 10; got \"-1\".")]
    [InlineData("Tmdb:Resilience:FailureRatio", "1.5", "Tmdb__Resilience__FailureRatio must be a number from 0 to 1; got \"1.5\".")]
    [InlineData("Caching:MemoryLimitMb", "-5", "Caching__MemoryLimitMb must be a whole number from 1 to 4096; got \"-5\".")]
    [InlineData("Caching:SearchTtl", "00:00:00", "Caching__SearchTtl must be a duration from 00:00:00.001 to 365.00:00:00 (hh:mm:ss[.fff], or d.hh:mm:ss with days); got \"00:00:00\".")]
    [InlineData("GraphQLHttp:BodyReadTimeout", "30s", "GraphQLHttp__BodyReadTimeout must be a duration from 00:00:00.010 to 00:10:00 (hh:mm:ss[.fff], or d.hh:mm:ss with days); got \"30s\".")]
    [InlineData("PersistedOperations:AutomaticTtl", "-1.00:00:00", "PersistedOperations__AutomaticTtl must be a duration from 00:00:01 to 365.00:00:00 (hh:mm:ss[.fff], or d.hh:mm:ss with days); got \"-1.00:00:00\".")]
    [InlineData("PathSearch:MaxResources", "1", "PathSearch__MaxResources must be a whole number from 2 to 1000000; got \"1\".")]
    [InlineData("Health:TmdbProbeInterval", "1.00:00:01", "Health__TmdbProbeInterval must be a duration from 00:00:00 to 1.00:00:00 (hh:mm:ss[.fff], or d.hh:mm:ss with days); got \"1.00:00:01\".")]
    public void A_bad_value_names_its_variable_what_it_accepts_and_what_was_set(string key, string value, string message)
    {
        var problem = Assert.Single(Problems((key, value)));
        Assert.Equal(message, problem.Message);
        Assert.Equal(key.Replace(":", "__", StringComparison.Ordinal), problem.Variable);
    }

    [Fact]
    public void A_blank_value_in_our_sections_is_unset_and_the_default_stands()
    {
        var configuration = Configuration(("TMDB_MODE", "offline"), ("QueryLimits:MaxCost", ""), ("QueryLimits:MaxDepth", " "));
        Assert.Empty(SettingsCheck.Problems(configuration, new HostingEnvironment { EnvironmentName = Environments.Production }));

        using var provider = new ServiceCollection().AddActorSyncOptions(configuration).BuildServiceProvider();
        var limits = provider.GetRequiredService<IOptions<ActorSync.GraphQL.Security.QueryLimitsOptions>>().Value;
        Assert.Equal(new ActorSync.GraphQL.Security.QueryLimitsOptions().MaxCost, limits.MaxCost);
        Assert.Equal(new ActorSync.GraphQL.Security.QueryLimitsOptions().MaxDepth, limits.MaxDepth);
    }

    [Fact]
    public void A_rule_between_two_settings_names_both_with_their_values()
    {
        var problem = Assert.Single(Problems(("Tmdb:Resilience:FirstBreakDuration", "00:00:10")));
        Assert.Equal("Tmdb__Resilience__FirstBreakDuration must not be longer than Tmdb__Resilience__MaxBreakDuration; got \"00:00:10\" and 00:00:04 (the default).", problem.Message);
    }

    [Theory]
    [InlineData("QueryLimits:MaxCots", "QueryLimits__MaxCots is not a setting; did you mean QueryLimits__MaxCost?")]
    [InlineData("Tmdb:Resilence:MaxRetries", "Tmdb__Resilence__MaxRetries is not a setting; did you mean Tmdb__Resilience__MaxRetries?")]
    [InlineData("QueryLimit:MaxDepth", "QueryLimit__MaxDepth is not a setting; did you mean QueryLimits__MaxDepth?")]
    [InlineData("Health:Unrelated", "Health__Unrelated is not a setting; the settings here are Health__TmdbProbeInterval.")]
    [InlineData("BananaCakePop:AssetPath", "BananaCakePop__AssetPath is not a setting; did you mean BananaCakePop__AssetsPath?")]
    public void A_key_in_our_sections_that_is_not_a_setting_is_a_problem_with_the_likely_one(string key, string message)
    {
        Assert.Equal(message, Assert.Single(Problems((key, "3"))).Message);
    }

    [Theory]
    [InlineData("Kestrel:Limits:MaxConcurrentConnections", "-3", "Kestrel__Limits__MaxConcurrentConnections is refused: Value must be null or a positive number; got \"-3\".")]
    [InlineData("Kestrel:Limits:KeepAliveTimeout", "abc", "Kestrel__Limits__KeepAliveTimeout must be a duration (hh:mm:ss[.fff], or d.hh:mm:ss with days); got \"abc\".")]
    [InlineData("Logging:LogLevel:Default", "verbose", "Logging__LogLevel__Default must be one of Trace, Debug, Information, Warning, Error, Critical or None; got \"verbose\".")]
    [InlineData("Logging:Console:LogLevel:Microsoft", "loud", "Logging__Console__LogLevel__Microsoft must be one of Trace, Debug, Information, Warning, Error, Critical or None; got \"loud\".")]
    public void Library_settings_that_would_fail_the_start_are_problems_too(string key, string value, string message)
    {
        Assert.Equal(message, Assert.Single(Problems((key, value))).Message);
    }

    [Fact]
    public void Keys_of_library_sections_and_other_variables_are_not_ours_to_refuse()
    {
        Assert.Empty(Problems(
            ("Kestrel:Limits:Http2:MaxStreamsPerConnection", "50"), ("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:5000"),
            ("Logging:LogLevel:Default", "Warning"), ("Logging:LogLevel:Polly", "none"), ("Sentry:Debug", "true"),
            ("PATH", "/usr/bin"), ("HOSTNAME", "srv-1"), ("Unrelated:Section", "1")));
    }

    [Fact]
    public void Every_problem_is_found_in_one_pass()
    {
        var problems = Problems(
            ("TMDB_MODE", "sometimes"), ("REDIS_URL", "not a url"), ("QueryLimits:MaxCost", "abc"), ("QueryLimits:MaxDepth", "0"),
            ("Caching:MemoryLimitMb", "-5"), ("Tmdb:Resilience:MaxRetries", "-1"), ("Logging:LogLevel:Default", "loud"));
        Assert.Equal(
            ["TMDB_MODE", "REDIS_URL", "QueryLimits__MaxCost", "QueryLimits__MaxDepth", "Caching__MemoryLimitMb", "Tmdb__Resilience__MaxRetries", "Logging__LogLevel__Default"],
            problems.Select(p => p.Variable));
    }

    [Fact]
    public void The_defaults_and_no_settings_at_all_pass()
    {
        Assert.Empty(Problems());
        foreach (var section in SettingsSections.Owned)
            Assert.Empty(SettingRules.Validate(Activator.CreateInstance(section.OptionsType)!, Configuration().GetSection(section.Path)));
    }

    [Fact]
    public void Every_number_and_duration_of_every_section_has_a_range()
    {
        var unbounded = SettingsSections.Owned
            .SelectMany(section => section.Properties.Values.Select(property => (section, property)))
            .Where(p => p.property.PropertyType != typeof(bool) && p.property.PropertyType != typeof(string) && p.property.GetCustomAttribute<RangeAttribute>() is null)
            .Select(p => $"{p.section.Path}:{p.property.Name}");
        Assert.Empty(unbounded);
    }

    [Fact]
    public void Every_options_class_the_app_reads_is_a_checked_section()
    {
        // A new *Options class bound from configuration must be added to SettingsSections, or nothing checks it.
        // Sentry's keys that ActorSync reads are checked by their class (the section's other keys are Sentry's).
        var checkedTypes = SettingsSections.Owned.Append(SettingsSections.ErrorTracking).Select(section => section.OptionsType).ToHashSet();
        var optionsTypes = new[] { typeof(SettingsSections).Assembly, typeof(ActorSync.Tmdb.TmdbOptions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsClass && type.IsPublic && type.Name.EndsWith("Options", StringComparison.Ordinal))
            // TmdbOptions comes from the TMDB_* variables, which TmdbSettings reads and checks.
            .Where(type => type != typeof(ActorSync.Tmdb.TmdbOptions));
        Assert.All(optionsTypes, type => Assert.Contains(type, checkedTypes));
    }

    [Fact]
    public void Validate_on_start_applies_the_same_rules_when_the_host_starts()
    {
        var configuration = Configuration(("RateLimits:SearchPerWindow", "0"), ("Caching:RedisSoftTimeout", "00:00:05"));
        using var provider = new ServiceCollection().AddActorSyncOptions(configuration).BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(
            ["RateLimits__SearchPerWindow", "Caching__RedisSoftTimeout"],
            SettingsFailure.Failures(error).Select(problem => problem.Variable));
    }

    [Fact]
    public void The_production_line_is_one_json_log_line_with_the_variables_and_messages_as_lists()
    {
        using var output = new MemoryStream();
        SettingsFailure.WriteJson([new("A__B", "A__B must be 1; got \"2\"."), new("TMDB_MODE", "TMDB_MODE must be auto, live or offline; got \"x\".")], output);

        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        var line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Critical", root.GetProperty("LogLevel").GetString());
        Assert.Equal(SettingsFailure.Category, root.GetProperty("Category").GetString());
        Assert.Equal("ActorSync cannot start: 2 settings are wrong: (1) A__B must be 1; got \"2\". (2) TMDB_MODE must be auto, live or offline; got \"x\".",
            root.GetProperty("Message").GetString());
        Assert.Equal(["A__B", "TMDB_MODE"], root.GetProperty("State").GetProperty("Variables").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(2, root.GetProperty("State").GetProperty("Problems").GetArrayLength());
    }
}
