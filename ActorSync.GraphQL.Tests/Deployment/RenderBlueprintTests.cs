using ActorSync.GraphQL.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>render.yaml: the Render Blueprint that deploys the API (a Docker web service) and its Key Value cache.</summary>
public sealed class RenderBlueprintTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Secrets = ["TMDB_API_KEY", "SENTRY_DSN", "ALLOWED_ORIGINS"];

    /// <summary>The keys an env var entry may take its value from; each entry has exactly one.</summary>
    private static readonly string[] ValueSources = ["value", "sync", "generateValue", "fromService", "fromDatabase", "fromGroup"];

    private static IReadOnlyList<YamlMappingNode> Services() => YamlFile.Load("render.yaml").Mappings("services");

    private static YamlMappingNode WebService()
    {
        var web = Services().Where(service => service.Text("type") == "web").ToList();
        Assert.True(web.Count == 1, $"render.yaml should define one web service; it defines {web.Count}.");
        return web[0];
    }

    private static IReadOnlyList<YamlMappingNode> EnvVars() => WebService().Mappings("envVars");

    private static YamlMappingNode EnvVar(string key) =>
        EnvVars().SingleOrDefault(variable => variable.Text("key") == key)
        ?? throw new InvalidDataException($"The web service in render.yaml has no env var {key}.");

    [Fact]
    public void The_web_service_is_built_from_the_Dockerfile_on_the_free_plan()
    {
        var web = WebService();
        Assert.False(string.IsNullOrWhiteSpace(web.Text("name")));
        Assert.Equal("docker", web.Text("runtime"));
        Assert.Equal("free", web.Text("plan"));
        Assert.Equal("./Dockerfile", web.Text("dockerfilePath"));
        Assert.True(File.Exists(RepositoryRoot.Combine("Dockerfile")), "render.yaml builds ./Dockerfile, which is missing.");
    }

    [Fact]
    public void The_web_service_is_health_checked_at_health_simple()
    {
        Assert.Equal("/health/simple", WebService().Text("healthCheckPath"));
    }

    [Fact]
    public async Task The_health_check_path_answers_200_from_the_app()
    {
        var path = WebService().Text("healthCheckPath");
        Assert.NotNull(path);

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public void The_secrets_are_entered_in_the_dashboard_and_never_committed()
    {
        foreach (var key in Secrets)
        {
            var variable = EnvVar(key);
            Assert.True(variable.Text("sync") == "false", $"{key} should be `sync: false` (entered in the Render Dashboard).");
            Assert.False(variable.Has("value"), $"{key} must not have a committed value.");
        }
    }

    [Fact]
    public void The_web_service_deploys_a_commit_only_once_its_checks_pass()
    {
        var web = WebService();
        Assert.Equal("checksPass", web.Text("autoDeployTrigger"));
        // The older boolean would say the same thing twice, or contradict it.
        Assert.False(web.Has("autoDeploy"), "Use autoDeployTrigger only, not the deprecated autoDeploy.");
    }

    [Fact]
    public void The_app_runs_in_Production_as_the_Dockerfile_sets_and_render_yaml_does_not_repeat()
    {
        Assert.Equal("Production", DockerfileModel.LoadStages()[^1].Environment().GetValueOrDefault("ASPNETCORE_ENVIRONMENT"));
        Assert.DoesNotContain(EnvVars(), variable => variable.Text("key") == "ASPNETCORE_ENVIRONMENT");
    }

    [Fact]
    public void No_env_var_repeats_a_variable_the_Dockerfile_sets()
    {
        // One place per value: a variable set in both drifts apart the first time only one is changed.
        var image = DockerfileModel.LoadStages()[^1].Environment();
        foreach (var key in EnvVars().Select(variable => variable.Text("key") ?? ""))
            Assert.False(image.ContainsKey(key), $"render.yaml sets {key}, which the Dockerfile's runtime stage already sets (ENV {key}={image.GetValueOrDefault(key)}).");
    }

    [Fact]
    public void Every_env_var_is_named_once_and_takes_its_value_from_one_source()
    {
        var keys = EnvVars().Select(variable => variable.Text("key")).ToList();
        Assert.DoesNotContain(null, keys);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        foreach (var variable in EnvVars())
        {
            var sources = ValueSources.Where(variable.Has).ToList();
            Assert.True(sources.Count == 1, $"{variable.Text("key")} has {sources.Count} value sources ({string.Join(", ", sources)}); expected exactly one.");
        }
    }

    [Fact]
    public void REDIS_URL_is_the_connection_string_of_the_key_value_service_of_the_blueprint()
    {
        var source = EnvVar("REDIS_URL").Mapping("fromService");
        Assert.Equal("keyvalue", source.Text("type"));
        Assert.Equal("connectionString", source.Text("property"));

        var name = source.Text("name");
        var cache = Services().SingleOrDefault(service => service.Text("name") == name);
        Assert.True(cache is not null, $"REDIS_URL comes from service \"{name}\", which render.yaml does not define.");
        Assert.Equal("keyvalue", cache.Text("type"));
    }

    [Fact]
    public void The_key_value_service_is_free_private_and_evicts_least_recently_used_keys()
    {
        var cache = Assert.Single(Services(), service => service.Text("type") == "keyvalue");

        Assert.Equal("free", cache.Text("plan"));
        Assert.Equal("allkeys-lru", cache.Text("maxmemoryPolicy"));
        // Required for Key Value in a Blueprint; an empty list allows no connection from outside Render.
        Assert.Empty(cache.Sequence("ipAllowList").Children);
    }

    [Fact]
    public void The_web_service_and_its_cache_are_in_the_same_region()
    {
        // Render's private network (the cache's internal connection string) only reaches services in one region.
        var cache = Assert.Single(Services(), service => service.Text("type") == "keyvalue");
        Assert.Equal(WebService().Text("region") ?? "oregon", cache.Text("region") ?? "oregon");
    }
}
