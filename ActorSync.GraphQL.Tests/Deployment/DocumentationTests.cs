using System.Text;
using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>
/// The documentation a newcomer reads: a short README that links the docs/ pages, and links that resolve (to a file
/// of the repository and, with <c>#anchor</c>, to one of its headings as GitHub names them).
/// </summary>
public sealed partial class DocumentationTests
{
    private const int MaxReadmeBytes = 15 * 1024;

    /// <summary>The pages whose links are checked, relative to the repository root.</summary>
    private static IEnumerable<string> Pages()
    {
        yield return "README.md";
        foreach (var page in Directory.GetFiles(RepositoryRoot.Combine("docs"), "*.md").Order(StringComparer.Ordinal))
            yield return "docs/" + Path.GetFileName(page);
        yield return "bench/README.md";
        yield return "bench/RESULTS.md";
    }

    [Fact]
    public void The_README_is_at_most_15_KB()
    {
        var bytes = new FileInfo(RepositoryRoot.Combine("README.md")).Length;
        Assert.True(bytes <= MaxReadmeBytes,
            $"README.md is {bytes} bytes, over {MaxReadmeBytes}: move details to a docs/ page and link it.");
    }

    [Theory]
    [InlineData("docs/api.md")]
    [InlineData("docs/configuration.md")]
    [InlineData("docs/operations.md")]
    [InlineData("docs/architecture.md")]
    [InlineData("bench/README.md")]
    public void The_README_links_each_documentation_page(string page)
    {
        var targets = Links(Read("README.md")).Select(link => link.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(page, targets);
    }

    [Fact]
    public void Every_relative_link_of_the_documentation_points_to_an_existing_file_and_heading()
    {
        var broken = new List<string>();
        foreach (var page in Pages())
        {
            var folder = Path.GetDirectoryName(RepositoryRoot.Combine(page.Split('/')))!;
            foreach (var link in Links(Read(page)).Where(IsRelative))
            {
                var hash = link.IndexOf('#', StringComparison.Ordinal);
                var file = hash < 0 ? link : link[..hash];
                var anchor = hash < 0 ? null : link[(hash + 1)..];
                var target = file.Length == 0 ? RepositoryRoot.Combine(page.Split('/')) : Path.GetFullPath(Path.Combine(folder, file));
                if (!File.Exists(target) && !Directory.Exists(target))
                    broken.Add($"{page}: {link} (no such file)");
                else if (anchor is not null && !(target.EndsWith(".md", StringComparison.Ordinal) && Anchors(File.ReadAllText(target)).Contains(anchor)))
                    broken.Add($"{page}: {link} (no such heading)");
            }
        }
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("Six degrees and co-stars", "six-degrees-and-co-stars")]
    [InlineData("Execution: GraphQL.NET and the direct path", "execution-graphqlnet-and-the-direct-path")]
    [InlineData("Banana Cake Pop's files", "banana-cake-pops-files")]
    [InlineData("Traces, metrics and logs: `OpenTelemetry`", "traces-metrics-and-logs-opentelemetry")]
    [InlineData("Latest full run (2026-12-06 20:38 UTC, commit 87f0ec7), and the soak", "latest-full-run-2026-12-06-2038-utc-commit-87f0ec7-and-the-soak")]
    public void A_heading_is_linked_by_the_anchor_GitHub_gives_it(string heading, string anchor)
    {
        Assert.Contains(anchor, Anchors($"# {heading}\n"));
    }

    [Fact]
    public void Repeated_headings_get_numbered_anchors_and_headings_in_code_blocks_none()
    {
        var anchors = Anchors("## Health\n\n```bash\n# not a heading\n```\n\n### Health\n");
        Assert.Equal(new[] { "health", "health-1" }, anchors.Order(StringComparer.Ordinal));
    }

    private static string Read(string page) => File.ReadAllText(RepositoryRoot.Combine(page.Split('/')));

    private static bool IsRelative(string link) =>
        !UriScheme().IsMatch(link);

    /// <summary>The targets of the page's Markdown links, outside code blocks and code spans.</summary>
    private static IEnumerable<string> Links(string markdown)
    {
        foreach (var line in Prose(markdown))
        {
            foreach (Match match in MarkdownLink().Matches(CodeSpan().Replace(line, "")))
                yield return match.Groups["target"].Value;
        }
    }

    /// <summary>The anchors of the page's headings: GitHub's slugs, numbered from the second use of one.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Prose(markdown))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
                continue;
            var slug = Slug(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }
        return anchors;
    }

    /// <summary>
    /// GitHub's rule: link text instead of links, then lower case, letters, digits, spaces, hyphens and underscores
    /// kept, each space a hyphen.
    /// </summary>
    private static string Slug(string heading)
    {
        var text = MarkdownLink().Replace(heading.Trim(), match => match.Groups["text"].Value).ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
                slug.Append(c);
            else if (c == ' ')
                slug.Append('-');
        }
        return slug.ToString();
    }

    /// <summary>The page's lines outside fenced code blocks.</summary>
    private static IEnumerable<string> Prose(string markdown)
    {
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (!fenced)
                yield return line;
        }
    }

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();
}
