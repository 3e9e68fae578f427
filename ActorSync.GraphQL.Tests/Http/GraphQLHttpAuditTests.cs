using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// The graphql-http compliance audit (tools/graphql-http-audit) against the real app on a real loopback socket:
/// every MUST, SHOULD and MAY audit must pass.
/// </summary>
public sealed partial class GraphQLHttpAuditTests
{
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_graphql_http_audit_passes_every_audit_against_the_real_server()
    {
        var auditDirectory = RepositoryRoot.Combine("tools", "graphql-http-audit");
        await RequireAuditToolAsync(auditDirectory);

        await using var factory = new KestrelApiFactory();
        var url = factory.GraphQLUri;

        var result = await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(auditDirectory, "audit.mjs"), url.ToString()],
            workingDirectory: auditDirectory,
            timeout: AuditTimeout);

        var report = $"graphql-http audit against {url}:\n{result.Describe()}";
        Assert.True(result.ExitCode == 0, $"The audit did not pass (exit code {result.ExitCode}).\n{report}");
        var summary = SummaryLine().Match(result.StandardOutput);
        Assert.True(summary.Success, $"The audit printed no summary line.\n{report}");
        Assert.True(
            summary.Groups["warn"].Value == "0" && summary.Groups["notice"].Value == "0" && summary.Groups["error"].Value == "0",
            $"The audit summary is \"{summary.Value}\"; expected 0 warn, 0 notice, 0 error.\n{report}");
        Assert.True(int.Parse(summary.Groups["ok"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, $"The audit ran no audits.\n{report}");
    }

    /// <summary>node and the tool's npm packages; scripts/setup.sh installs the packages (test.sh runs it).</summary>
    private static async Task RequireAuditToolAsync(string auditDirectory)
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var fix = inCi
            ? "In CI this is a setup failure: scripts/setup.sh (run by test.sh and .ci/run) should have installed it."
            : "Run scripts/setup.sh (./test.sh runs it for you), which needs Node.js (an LTS, 22 or newer) and npm on PATH.";

        if (!await ExternalProcess.IsAvailableAsync("node", "--version"))
            Assert.Fail($"`node` is not on PATH, so the graphql-http audit cannot run. {fix}");

        var package = Path.Combine(auditDirectory, "node_modules", "graphql-http", "package.json");
        if (!File.Exists(package))
            Assert.Fail($"{Path.Combine(auditDirectory, "node_modules")} is missing graphql-http, so the audit cannot run. {fix}");
    }

    [GeneratedRegex(@"^audit: (?<ok>\d+) ok, (?<warn>\d+) warn, (?<notice>\d+) notice, (?<error>\d+) error\s*$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
