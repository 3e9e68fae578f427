using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>
/// .github/workflows/ci.yml: the README's test command on every push and pull request (the tests start their own
/// redis-server), then drift and vulnerability checks.
/// </summary>
public sealed partial class CiWorkflowTests
{
    private const string WorkflowPath = ".github/workflows/ci.yml";

    private static readonly YamlMappingNode Workflow = YamlFile.Load(WorkflowPath);

    private static YamlMappingNode Job()
    {
        var jobs = Workflow.Mapping("jobs").Children.Values.OfType<YamlMappingNode>().ToList();
        return jobs.SingleOrDefault(job => Steps(job).Any(step => Run(step).Contains("./test.sh", StringComparison.Ordinal)))
            ?? throw new InvalidDataException($"No job of {WorkflowPath} runs ./test.sh.");
    }

    private static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode job) => job.Mappings("steps");

    private static string Run(YamlMappingNode step) => step.Text("run") ?? "";

    private static string Uses(YamlMappingNode step) => step.Text("uses") ?? "";

    private static int IndexOfStep(Func<YamlMappingNode, bool> predicate, string what)
    {
        var steps = Steps(Job());
        for (var index = 0; index < steps.Count; index++)
        {
            if (predicate(steps[index]))
                return index;
        }
        throw new InvalidDataException($"The test job of {WorkflowPath} has no step that {what}.");
    }

    [Fact]
    public void The_workflow_runs_on_every_push_and_pull_request()
    {
        var on = Workflow.Get("on");
        var events = on switch
        {
            YamlMappingNode mapping => mapping.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value).ToList(),
            YamlSequenceNode sequence => sequence.Texts().ToList<string?>(),
            YamlScalarNode scalar => [scalar.Value],
            _ => [],
        };
        Assert.Contains("push", events);
        Assert.Contains("pull_request", events);
    }

    [Fact]
    public void The_test_job_runs_the_READMEs_test_command_on_ubuntu_with_dotnet_10_and_a_node_LTS_of_22_or_newer()
    {
        var job = Job();
        Assert.Equal("ubuntu-latest", job.Text("runs-on"));
        var steps = Steps(job);
        Assert.Contains(steps, step => Run(step).Trim() == "./test.sh");
        Assert.Contains(steps, step => Uses(step).StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.Contains(steps, step => Uses(step).StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)
            && step.Mapping("with").Text("dotnet-version") == "10.0.x");

        var setupNode = Assert.Single(steps, step => Uses(step).StartsWith("actions/setup-node@", StringComparison.Ordinal));
        var nodeVersion = setupNode.Mapping("with").Text("node-version");
        // Node's even majors become LTS; 20 reached its end of life in April 2026.
        Assert.True(int.TryParse(nodeVersion, out var major) && major >= 22 && major % 2 == 0,
            $"node-version should name an LTS major, 22 or newer (e.g. 24); it is \"{nodeVersion}\".");
    }

    [Theory]
    [InlineData("actions/checkout", 7)]
    [InlineData("actions/setup-dotnet", 6)]
    [InlineData("actions/setup-node", 7)]
    public void Each_action_is_at_its_current_major_or_newer(string action, int currentMajor)
    {
        // The majors current in late 2026 (each runs on the Node 24 runtime); Dependabot proposes the next ones.
        var uses = Steps(Job()).Select(Uses).Where(uses => uses.StartsWith(action + "@", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(uses);
        foreach (var reference in uses)
        {
            var version = reference[(action.Length + 1)..];
            Assert.True(version.StartsWith('v') && int.TryParse(version[1..], out var major) && major >= currentMajor,
                $"`uses: {reference}` should be {action}@v{currentMajor} or newer.");
        }
    }

    [Fact]
    public void Every_action_is_pinned_to_a_major_version_or_a_commit()
    {
        foreach (var step in Steps(Job()).Where(step => step.Has("uses")))
        {
            var uses = step.Text("uses") ?? "";
            Assert.True(PinnedAction().IsMatch(uses), $"`uses: {uses}` should name a major version (@v4) or a full commit SHA.");
        }
    }

    [Fact]
    public void The_workflow_has_no_Redis_service_and_sets_no_setting_of_the_app()
    {
        // The tests start their own redis-server (scripts/setup.sh installs it); a job-wide REDIS_URL once sent every
        // test host to a Redis no test expected.
        var job = Job();
        Assert.False(job.Has("services"), "The test job should have no services: the tests start the redis-server they need.");

        var environments = new[] { Workflow, job }.Concat(Steps(job))
            .Where(node => node.Has("env"))
            .SelectMany(node => node.Mapping("env").Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value ?? ""));
        foreach (var name in environments)
        {
            Assert.False(AppVariable().IsMatch(name),
                $"The workflow sets {name}, a setting the app reads; the tests must not depend on the job's environment.");
        }
    }

    [Fact]
    public void The_setup_script_installs_redis_server_when_it_is_missing()
    {
        var setup = File.ReadAllText(RepositoryRoot.Combine("scripts", "setup.sh"));
        Assert.Contains("apt_install_missing redis-server", setup, StringComparison.Ordinal);
        var main = setup[setup.LastIndexOf("main() {", StringComparison.Ordinal)..];
        Assert.Contains("step_redis_server", main[..main.IndexOf('}', StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_drift_step_follows_the_tests()
    {
        var tests = IndexOfStep(step => Run(step).Trim() == "./test.sh", "runs ./test.sh");
        var drift = IndexOfStep(step => Run(step).Contains("git diff --exit-code schema.graphql", StringComparison.Ordinal), "diffs schema.graphql");
        Assert.True(drift > tests, "The schema drift step should run after the tests.");
    }

    [Fact]
    public void A_vulnerable_package_step_fails_the_build_on_any_vulnerable_package()
    {
        var index = IndexOfStep(step => Run(step).Contains("--vulnerable", StringComparison.Ordinal), "lists vulnerable packages");
        var run = Run(Steps(Job())[index]);
        Assert.Contains("dotnet list ActorSync.sln package --vulnerable --include-transitive", run, StringComparison.Ordinal);
        Assert.Contains("has the following vulnerable packages", run, StringComparison.Ordinal);
        Assert.Contains("exit 1", run, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+|[0-9a-f]{40})$")]
    private static partial Regex PinnedAction();

    /// <summary>The variables the app reads (Settings/EnvironmentVariables, ASP.NET Core's host, Sentry, OpenTelemetry) and Section__Key settings.</summary>
    [GeneratedRegex(@"^(REDIS_URL|TMDB_\w*|SENTRY_\w*|OTEL_\w*|ALLOWED_ORIGINS|TRUSTED_PROXIES|PORT|ASPNETCORE_\w*|DOTNET_ENVIRONMENT|DOTNET_URLS|\w+__\w+)$")]
    private static partial Regex AppVariable();
}
