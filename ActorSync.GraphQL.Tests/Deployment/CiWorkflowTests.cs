using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>.github/workflows/ci.yml: tests with a Redis service on every push and pull request, then drift and vulnerability checks.</summary>
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
    public void The_test_job_runs_the_READMEs_test_command_on_ubuntu_with_dotnet_10_and_node_20()
    {
        var job = Job();
        Assert.Equal("ubuntu-latest", job.Text("runs-on"));
        var steps = Steps(job);
        Assert.Contains(steps, step => Run(step).Trim() == "./test.sh");
        Assert.Contains(steps, step => (step.Text("uses") ?? "").StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.Contains(steps, step => (step.Text("uses") ?? "").StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)
            && step.Mapping("with").Text("dotnet-version") == "10.0.x");
        Assert.Contains(steps, step => (step.Text("uses") ?? "").StartsWith("actions/setup-node@", StringComparison.Ordinal)
            && step.Mapping("with").Text("node-version") == "20");
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
    public void The_test_job_has_a_Redis_service_checked_with_redis_cli_ping()
    {
        var job = Job();
        var redis = job.Mapping("services").Mapping("redis");
        Assert.StartsWith("redis:7", redis.Text("image"));
        Assert.Contains("6379:6379", redis.Sequence("ports").Texts());
        Assert.Contains("redis-cli ping", redis.Text("options"));

        var redisUrl = (job.Has("env") ? job.Mapping("env").Text("REDIS_URL") : null)
            ?? (Workflow.Has("env") ? Workflow.Mapping("env").Text("REDIS_URL") : null);
        Assert.Equal("redis://localhost:6379", redisUrl);
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
}
