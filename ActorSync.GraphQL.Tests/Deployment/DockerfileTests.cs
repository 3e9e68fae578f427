using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>
/// The Dockerfile, checked statically: no Docker daemon is needed to run the tests, so these assert the facts the
/// deployment relies on (stages, base images, the published project, the user, the port).
/// </summary>
public sealed class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0";

    private static readonly string[] RootUsers = ["root", "0", "root:root", "0:0"];

    private static readonly IReadOnlyList<DockerStage> Stages = DockerfileModel.LoadStages();

    private static DockerStage Final => Stages[^1];

    private static DockerStage BuildStage() =>
        Stages.SingleOrDefault(stage => stage.Image == SdkImage)
        ?? throw new InvalidDataException($"No stage of the Dockerfile is FROM {SdkImage}.");

    [Fact]
    public void The_image_is_built_in_an_SDK_stage_and_runs_in_an_aspnet_stage()
    {
        Assert.True(Stages.Count >= 2, $"The Dockerfile should have a build stage and a runtime stage; it has {Stages.Count} FROM.");
        Assert.Equal(SdkImage, Stages[0].Image);
        Assert.Equal(RuntimeImage, Final.Image);
    }

    [Fact]
    public void The_build_stage_installs_node_and_npm()
    {
        var install = BuildStage().All("RUN").FirstOrDefault(run => run.Arguments.Contains("apt-get install", StringComparison.Ordinal));
        Assert.True(install is not null, "The build stage should install nodejs and npm with apt-get (npm ci runs during the build).");
        Assert.Contains("nodejs", install.Arguments, StringComparison.Ordinal);
        Assert.Contains(" npm", install.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_stage_publishes_ActorSync_GraphQL_in_Release()
    {
        var publish = BuildStage().All("RUN").FirstOrDefault(run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.True(publish is not null, "The build stage has no `dotnet publish`.");
        Assert.Contains("ActorSync.GraphQL", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("-c Release", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("-o /app", publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_copies_the_published_app_and_starts_it()
    {
        var buildName = BuildStage().Name;
        Assert.NotNull(buildName);
        Assert.Contains(Final.All("COPY"), copy => copy.Arguments.StartsWith($"--from={buildName} /app ", StringComparison.Ordinal));
        var entrypoint = Assert.Single(Final.All("ENTRYPOINT"));
        Assert.Contains("ActorSync.GraphQL.dll", entrypoint.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_runs_as_a_non_root_user()
    {
        var user = Final.All("USER").LastOrDefault();
        Assert.True(user is not null, "The runtime stage has no USER instruction, so the app would run as root.");
        Assert.DoesNotContain(user.Arguments, RootUsers);
    }

    [Fact]
    public void The_runtime_stage_listens_on_PORT_8080_in_Production()
    {
        var environment = Final.Environment();
        Assert.Equal("8080", environment.GetValueOrDefault("PORT"));
        Assert.Equal("Production", environment.GetValueOrDefault("ASPNETCORE_ENVIRONMENT"));
        Assert.Contains(Final.All("EXPOSE"), expose => expose.Arguments.Split(' ').Contains("8080"));
    }

    [Fact]
    public void Every_file_the_build_stage_copies_by_name_exists()
    {
        foreach (var copy in BuildStage().All("COPY").Where(copy => !copy.Arguments.Contains("--from=", StringComparison.Ordinal)))
        {
            var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in words[..^1].Where(source => source != "."))
                Assert.True(File.Exists(RepositoryRoot.Combine(source.Split('/'))), $"Dockerfile {copy}: {source} does not exist.");
        }
    }

    [Fact]
    public void The_dockerignore_keeps_build_output_packages_and_git_history_out_of_the_context()
    {
        var path = RepositoryRoot.Combine(".dockerignore");
        Assert.True(File.Exists(path), ".dockerignore is missing.");
        var patterns = File.ReadAllLines(path).Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[] { "**/bin/", "**/obj/", "**/node_modules/", ".git" })
            Assert.Contains(expected, patterns);
    }
}
