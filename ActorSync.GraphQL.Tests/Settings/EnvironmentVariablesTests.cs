using System.Text.RegularExpressions;
using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Settings;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Settings;

/// <summary>The one table of Render's variables and the section keys they set (EnvironmentVariables).</summary>
public sealed partial class EnvironmentVariablesTests
{
    private static IConfiguration Mapped(params (string Key, string? Value)[] values) =>
        EnvironmentVariables.Mapped(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var mapping in EnvironmentVariables.Table)
            data.Add(mapping.Variable, mapping.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_mapped_variable_lands_on_its_key(string variable, string key)
    {
        var configuration = Mapped((variable, "value-of-" + variable));

        Assert.Equal("value-of-" + variable, configuration[key]);
        // As a section's child too, which is how options are bound and checked.
        var section = configuration.GetSection(ConfigurationPath.GetParentPath(key)!);
        Assert.Contains(section.GetChildren(), child => child.Path == key && child.Value == "value-of-" + variable);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void A_mapped_key_is_named_by_its_variable_in_messages(string variable, string key)
    {
        Assert.Equal(variable, SettingProblem.VariableOf(key));
    }

    [Fact]
    public void The_table_maps_the_variables_render_yaml_and_design_name()
    {
        var variables = EnvironmentVariables.Table.Select(mapping => mapping.Variable).ToList();
        Assert.Superset(
            new HashSet<string> { "TMDB_API_KEY", "TMDB_MODE", "TMDB_BASE_URL", "TMDB_IMAGE_BASE_URL", "REDIS_URL", "PORT", "SENTRY_DSN", "SENTRY_RELEASE", "RENDER_GIT_COMMIT", "ALLOWED_ORIGINS", "TRUSTED_PROXIES", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL" },
            variables.ToHashSet());
        Assert.Equal(variables.Count, variables.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(variables.Count, EnvironmentVariables.Table.Select(mapping => mapping.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_variable_wins_over_its_key_set_directly()
    {
        var configuration = Mapped(("Tmdb:Mode", "live"), ("TMDB_MODE", "offline"));
        Assert.Equal("offline", configuration["Tmdb:Mode"]);

        // The same in the start-up check: the section's bad value is not read while the variable is set.
        var problems = SettingsCheck.Problems(
            new ConfigurationBuilder().AddInMemoryCollection([new("Tmdb:Mode", "sometimes"), new("TMDB_MODE", "offline")]).Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production });
        Assert.Empty(problems);
    }

    [Fact]
    public void A_key_set_directly_stands_when_its_variable_is_unset_or_blank()
    {
        Assert.Equal("live", Mapped(("Tmdb:Mode", "live"))["Tmdb:Mode"]);
        Assert.Equal("live", Mapped(("Tmdb:Mode", "live"), ("TMDB_MODE", "  "))["Tmdb:Mode"]);
        Assert.Null(Mapped(("TMDB_MODE", ""))["Tmdb:Mode"]);
    }

    [Fact]
    public void A_bad_value_set_under_the_section_is_reported_with_the_variable_an_operator_sets()
    {
        var problem = Assert.Single(SettingsCheck.Problems(
            new ConfigurationBuilder().AddInMemoryCollection([new("Tmdb:Mode", "sometimes")]).Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production }));
        Assert.Equal("TMDB_MODE", problem.Variable);
        Assert.Equal("TMDB_MODE must be auto, live or offline; got \"sometimes\".", problem.Message);
    }

    [Fact]
    public void A_typo_beside_the_tmdb_keys_suggests_the_variable()
    {
        var problem = Assert.Single(SettingsCheck.Problems(
            new ConfigurationBuilder().AddInMemoryCollection([new("TMDB_MODE", "offline"), new("Tmdb:Mdoe", "offline")]).Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production }));
        Assert.Equal("Tmdb__Mdoe is not a setting; did you mean TMDB_MODE?", problem.Message);
    }

    [Theory]
    [InlineData("Redis:Ur", "Redis__Ur is not a setting; did you mean REDIS_URL?")]
    [InlineData("Cors:AllowedOrigin", "Cors__AllowedOrigin is not a setting; did you mean ALLOWED_ORIGINS?")]
    [InlineData("OpenTelemetry:OtlpEndpont", "OpenTelemetry__OtlpEndpont is not a setting; did you mean OTEL_EXPORTER_OTLP_ENDPOINT?")]
    public void A_typo_in_a_mapped_section_suggests_the_variable(string key, string message)
    {
        var problem = Assert.Single(SettingsCheck.Problems(
            new ConfigurationBuilder().AddInMemoryCollection([new("TMDB_MODE", "offline"), new(key, "x")]).Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production }));
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void The_mapped_sections_are_typed_options_bound_from_the_variables()
    {
        var configuration = Mapped(("REDIS_URL", "redis://127.0.0.1:6379"), ("ALLOWED_ORIGINS", "https://a.example"), ("TRUSTED_PROXIES", "192.168.0.0/16"),
            ("PORT", "8080"), ("OTEL_SERVICE_NAME", "actorsync-staging"), ("RENDER_GIT_COMMIT", "abc123"));
        using var services = new ServiceCollection().AddActorSyncOptions(configuration).BuildServiceProvider();

        Assert.Equal("redis://127.0.0.1:6379", services.GetRequiredService<IOptions<RedisOptions>>().Value.Url);
        Assert.Equal("https://a.example", services.GetRequiredService<IOptions<CorsOriginsOptions>>().Value.AllowedOrigins);
        Assert.Equal("192.168.0.0/16", services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.TrustedProxies);
        Assert.Equal("8080", services.GetRequiredService<IOptions<ServerOptions>>().Value.Port);
        Assert.Equal("actorsync-staging", services.GetRequiredService<IOptions<OpenTelemetryExportOptions>>().Value.ServiceName);
        Assert.Equal("abc123", services.GetRequiredService<IOptions<RenderOptions>>().Value.GitCommit);
        Assert.Equal("actorsync-staging", services.GetRequiredService<IOptions<OpenTelemetryExportOptions>>().Value.ServiceNameOrDefault);
    }

    [Fact]
    public void Renders_own_RENDER_variable_beside_the_Render_section_is_no_problem()
    {
        // Render sets RENDER=true on every service: a value on the section the commit lands in.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            [new("RENDER", "true"), new("RENDER_GIT_COMMIT", "abc123"), new("TMDB_MODE", "offline")]).Build();
        var production = new HostingEnvironment { EnvironmentName = Environments.Production };

        Assert.Empty(SettingsCheck.Problems(configuration, production));
        Assert.Equal("abc123", SettingsSections.ErrorTracking.Read(EnvironmentVariables.Mapped(configuration)).Release);
    }

    [Fact]
    public void An_unmapped_OTEL_variable_is_not_touched()
    {
        var original = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret"),
            new("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod"),
            new("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
        ]).Build();
        var mapped = EnvironmentVariables.Mapped(original);

        // Still there under its own name for the OpenTelemetry SDK, which reads the OTEL_* variables itself…
        Assert.Equal("api-key=secret", mapped["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("http://collector:4317", mapped["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // …and nowhere else: the only keys added are the mapped endpoint's.
        var added = mapped.AsEnumerable().Select(entry => entry.Key).Except(original.AsEnumerable().Select(entry => entry.Key)).Order().ToList();
        Assert.Equal(["OpenTelemetry", "OpenTelemetry:OtlpEndpoint"], added);
        Assert.DoesNotContain(mapped.AsEnumerable(), entry => entry.Value == "api-key=secret" && entry.Key != "OTEL_EXPORTER_OTLP_HEADERS");
    }

    [Fact]
    public void Mapping_a_configuration_twice_adds_the_mapping_once()
    {
        var once = Mapped(("REDIS_URL", "redis://127.0.0.1:6379"));
        Assert.Same(once, EnvironmentVariables.Mapped(once));
    }

    [Fact]
    public void No_code_outside_Settings_and_Composition_reads_an_environment_variable_by_name()
    {
        var variables = EnvironmentVariables.Table.Select(mapping => mapping.Variable).ToHashSet(StringComparer.Ordinal);
        var offenders = new List<string>();
        foreach (var project in new[] { "ActorSync.GraphQL", "ActorSync.Tmdb" })
        {
            var root = RepositoryRoot.Combine(project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Split('/')[0] is "bin" or "obj" or "Settings" or "Composition")
                    continue;
                var text = File.ReadAllText(file);
                if (text.Contains("GetEnvironmentVariable", StringComparison.Ordinal))
                    offenders.Add($"{project}/{relative}: Environment.GetEnvironmentVariable");
                // A configuration look-up by a variable's name (configuration["OTEL_SERVICE_NAME"]), or any mapped name.
                foreach (Match lookUp in VariableLookUp().Matches(text))
                    offenders.Add($"{project}/{relative}: [\"{lookUp.Groups[1].Value}\"]");
                offenders.AddRange(variables.Where(variable => text.Contains($"\"{variable}\"", StringComparison.Ordinal)).Select(variable => $"{project}/{relative}: \"{variable}\""));
            }
        }
        Assert.Empty(offenders);
    }

    [GeneratedRegex("""\[\s*"([A-Z][A-Z0-9]*_[A-Z0-9_]*)"\s*\]""")]
    private static partial Regex VariableLookUp();
}
