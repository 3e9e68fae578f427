using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>
/// The Dockerfile, checked statically: there is no Docker daemon on the team's machines, so these assert the facts the
/// deployment relies on (stages, base images, the published project, the user, the port) by reading the file.
/// </summary>
public sealed partial class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string RuntimeImage = "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    /// <summary>The switch of ActorSync.GraphQL.csproj that leaves npm out of the .NET build.</summary>
    private const string NoNpm = "-p:BananaCakePopNpm=false";

    private static readonly string[] RootUsers = ["root", "0", "root:root", "0:0"];

    private static readonly IReadOnlyList<DockerStage> Stages = DockerfileModel.LoadStages();

    private static DockerStage Final => Stages[^1];

    private static DockerStage BuildStage() =>
        Stages.SingleOrDefault(stage => stage.Image == SdkImage)
        ?? throw new InvalidDataException($"No stage of the Dockerfile is FROM {SdkImage}.");

    private static DockerStage NodeStage() =>
        Stages.SingleOrDefault(stage => stage.Image.StartsWith("node:", StringComparison.Ordinal))
        ?? throw new InvalidDataException("No stage of the Dockerfile is FROM an official Node image (node:…).");

    [Fact]
    public void The_npm_packages_install_in_a_Node_stage_the_SDK_stage_builds_and_a_chiseled_runtime_deps_stage_runs()
    {
        Assert.True(Stages.Count >= 3, $"The Dockerfile should have a Node, an SDK and a runtime stage; it has {Stages.Count} FROM.");
        Assert.True(Stages.ToList().IndexOf(NodeStage()) < Stages.ToList().IndexOf(BuildStage()), "The Node stage should come before the SDK stage.");
        Assert.Equal(RuntimeImage, Final.Image);
    }

    [Fact]
    public void The_Node_stage_uses_an_official_LTS_image_and_installs_the_IDE_with_npm_ci()
    {
        var node = NodeStage();
        // node:<major>[-variant]: an even major (Node's LTS lines), 22 or newer.
        var match = NodeImage().Match(node.Image);
        var major = match.Success ? int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture) : 0;
        Assert.True(major >= 22 && major % 2 == 0,
            $"{node.Image} should be an official Node LTS image such as node:24-bookworm-slim.");
        Assert.NotNull(node.Name);

        Assert.Contains(node.All("COPY"), copy => copy.Arguments.Contains("ActorSync.GraphQL/Ide/package.json", StringComparison.Ordinal)
            && copy.Arguments.Contains("ActorSync.GraphQL/Ide/package-lock.json", StringComparison.Ordinal));
        Assert.Contains(node.All("RUN"), run => run.Arguments.StartsWith("npm ci", StringComparison.Ordinal));
    }

    [Fact]
    public void The_SDK_stage_copies_the_IDE_packages_and_runs_no_npm_and_no_apt()
    {
        var build = BuildStage();
        Assert.DoesNotContain(build.All("RUN"), run => AptOrNode().IsMatch(run.Arguments));
        Assert.Contains(build.All("COPY"), copy => copy.Arguments.StartsWith($"--from={NodeStage().Name} ", StringComparison.Ordinal)
            && copy.Arguments.EndsWith(" ActorSync.GraphQL/Ide/node_modules", StringComparison.Ordinal));

        var publish = Assert.Single(build.All("RUN"), run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(NoNpm, publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_project_skips_npm_when_the_Dockerfile_says_so()
    {
        // The switch the Dockerfile passes must be the one ActorSync.GraphQL.csproj checks before it runs npm.
        var project = XDocument.Load(RepositoryRoot.Combine("ActorSync.GraphQL", "ActorSync.GraphQL.csproj"));
        var install = project.Descendants("Target").Single(target => (string?)target.Attribute("Name") == "InstallBananaCakePop");
        Assert.Contains("'$(BananaCakePopNpm)' != 'false'", (string?)install.Attribute("Condition") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_has_no_shell_commands_and_an_exec_form_entrypoint()
    {
        // The chiseled image has no shell: a RUN, a SHELL or a shell-form ENTRYPOINT/CMD could not run.
        Assert.Empty(Final.All("RUN"));
        Assert.Empty(Final.All("SHELL"));
        foreach (var command in Final.All("ENTRYPOINT").Concat(Final.All("CMD")))
        {
            var words = JsonSerializer.Deserialize<string[]>(command.Arguments);
            Assert.True(words is { Length: > 0 }, $"Dockerfile {command}: use the exec form, [\"program\", \"argument\"].");
        }
    }

    [Fact]
    public void The_app_runs_with_invariant_globalization_as_the_chiseled_image_has_no_ICU()
    {
        var project = XDocument.Load(RepositoryRoot.Combine("ActorSync.GraphQL", "ActorSync.GraphQL.csproj"));
        Assert.Equal("true", project.Descendants("InvariantGlobalization").LastOrDefault()?.Value);
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
    public void The_restore_layer_restores_as_the_ReadyToRun_publish_will_need_it()
    {
        // The project publishes ReadyToRun for a runtime identifier it sets only when publishing (_IsPublishing): a plain
        // restore would lack that runtime's packs, and `dotnet publish --no-restore` would then fail.
        var project = XDocument.Load(RepositoryRoot.Combine("ActorSync.GraphQL", "ActorSync.GraphQL.csproj"));
        Assert.Equal("true", project.Descendants("PublishReadyToRun").SingleOrDefault()?.Value);
        Assert.Contains("_IsPublishing", (string?)project.Descendants("RuntimeIdentifier").SingleOrDefault()?.Attribute("Condition") ?? "", StringComparison.Ordinal);

        var build = BuildStage().All("RUN").ToList();
        var restore = Assert.Single(build, run => run.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.Contains("-p:_IsPublishing=true", restore.Arguments, StringComparison.Ordinal);
        var publish = Assert.Single(build, run => run.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.True(build.IndexOf(restore) < build.IndexOf(publish), "The restore layer comes before the publish.");
    }

    [Fact]
    public void The_runtime_stage_copies_the_published_app_and_starts_it()
    {
        var buildName = BuildStage().Name;
        Assert.NotNull(buildName);
        Assert.Contains(Final.All("COPY"), copy => copy.Arguments.StartsWith($"--from={buildName} /app ", StringComparison.Ordinal));
        // runtime-deps has no .NET: the publish carries its own runtime (self-contained) and starts by its apphost.
        var entrypoint = Assert.Single(Final.All("ENTRYPOINT"));
        Assert.Equal("""["./ActorSync.GraphQL"]""", entrypoint.Arguments.Trim());
        var project = XDocument.Load(RepositoryRoot.Combine("ActorSync.GraphQL", "ActorSync.GraphQL.csproj"));
        var selfContained = Assert.Single(project.Descendants("SelfContained"));
        Assert.Equal("true", selfContained.Value);
        Assert.Contains("_IsPublishing", (string?)selfContained.Attribute("Condition") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(project.Descendants("UseAppHost"), element => element.Value == "false");
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
    public void Every_file_a_stage_copies_by_name_exists()
    {
        foreach (var copy in Stages.SelectMany(stage => stage.All("COPY")).Where(copy => !copy.Arguments.Contains("--from=", StringComparison.Ordinal)))
        {
            var words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in words[..^1].Where(source => source != "."))
            {
                // A file, or a folder copied whole (the web app's sources).
                var path = RepositoryRoot.Combine(source.TrimEnd('/').Split('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"Dockerfile {copy}: {source} does not exist.");
            }
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

    [GeneratedRegex(@"^node:(?<major>\d+)(-[a-z0-9.-]+)?$")]
    private static partial Regex NodeImage();

    [GeneratedRegex(@"\b(apt-get|apt|nodejs|npm)\b")]
    private static partial Regex AptOrNode();
}
