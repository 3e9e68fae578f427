using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>One instruction of a Dockerfile, e.g. <c>RUN dotnet publish …</c>, with continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}

/// <summary>One build stage: its FROM image, its optional name, and its instructions after FROM.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword);

    /// <summary>
    /// The variables the stage's ENV instructions set (<c>ENV A=1 B=2</c> and the legacy <c>ENV A 1</c>). Values
    /// keep no quotes; an empty value (<c>ENV A=</c>) is the empty string.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in All("ENV"))
        {
            var words = instruction.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 1 && !words[0].Contains('=', StringComparison.Ordinal))
            {
                variables[words[0]] = string.Join(' ', words.Skip(1)).Trim('"');
                continue;
            }
            foreach (var word in words)
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                    variables[word[..equals]] = word[(equals + 1)..].Trim('"');
            }
        }
        return variables;
    }
}

/// <summary>
/// Just enough of a Dockerfile parser for the deployment tests: comments and blank lines dropped, lines ending
/// in a backslash joined to the next, instructions grouped into stages at each FROM.
/// </summary>
internal static class DockerfileModel
{
    public static IReadOnlyList<DockerStage> LoadStages()
    {
        var path = RepositoryRoot.Combine("Dockerfile");
        Assert.True(File.Exists(path), $"There is no Dockerfile at the repository root ({RepositoryRoot.Path}).");
        return Stages(Instructions(File.ReadAllLines(path)));
    }

    public static IReadOnlyList<DockerInstruction> Instructions(IReadOnlyList<string> lines)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        var start = 0;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
                continue;
            if (pending.Length == 0)
                start = index + 1;
            var continued = line.EndsWith('\\');
            pending += (continued ? line[..^1] : line) + " ";
            if (continued)
                continue;
            var text = pending.Trim();
            pending = "";
            if (text.Length == 0)
                continue;
            var space = text.IndexOfAny([' ', '\t']);
            instructions.Add(space < 0
                ? new DockerInstruction(text.ToUpperInvariant(), "", start)
                : new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), start));
        }
        return instructions;
    }

    public static IReadOnlyList<DockerStage> Stages(IReadOnlyList<DockerInstruction> instructions)
    {
        var stages = new List<DockerStage>();
        DockerInstruction? from = null;
        var body = new List<DockerInstruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword != "FROM")
            {
                if (from is not null)
                    body.Add(instruction);
                continue;
            }
            if (from is not null)
                stages.Add(Stage(from, body));
            from = instruction;
            body = [];
        }
        if (from is not null)
            stages.Add(Stage(from, body));
        return stages;
    }

    private static DockerStage Stage(DockerInstruction from, List<DockerInstruction> body)
    {
        // FROM [--platform=…] image [AS name]
        var words = from.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !word.StartsWith("--", StringComparison.Ordinal))
            .ToArray();
        var name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return new DockerStage(words.Length > 0 ? words[0] : "", name, body);
    }
}
