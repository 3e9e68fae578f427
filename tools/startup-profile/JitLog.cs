using System.Text.RegularExpressions;

namespace ActorSync.Tools.StartupProfile;

/// <summary>
/// A method the JIT compiled, as the runtime's summary prints it (<c>DOTNET_JitDisasmSummary=1</c>):
/// <c>Owner`1+Nested`1[Arg1,Arg2]:Name[MethodArg](ParamType,ParamType) [Tier0, IL size=…]</c>.
/// </summary>
public sealed record JittedMethod(TypeName Owner, string Name, IReadOnlyList<TypeName> MethodArguments, IReadOnlyList<TypeName> Parameters)
{
    public override string ToString() =>
        $"{Owner}:{Name}{(MethodArguments.Count > 0 ? $"[{string.Join(",", MethodArguments)}]" : "")}({string.Join(",", Parameters)})";
}

/// <summary>A type as the summary prints it: a full name, its generic arguments, and array ranks after them.</summary>
public sealed record TypeName(string Name, IReadOnlyList<TypeName> Arguments, int ArrayRanks = 0)
{
    public const string Canon = "System.__Canon";

    public override string ToString() =>
        Name + (Arguments.Count > 0 ? $"[{string.Join(",", Arguments)}]" : "") + string.Concat(Enumerable.Repeat("[]", ArrayRanks));
}

public static partial class JitLog
{
    /// <summary>
    /// The methods of a summary that a ReadyToRun image could hold: not the runtime's own stubs and dynamic methods,
    /// which exist only at run time, and each method once.
    /// </summary>
    public static IEnumerable<JittedMethod> Read(IEnumerable<string> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var match = SummaryLine().Match(line);
            if (!match.Success)
                continue;
            var text = match.Groups["method"].Value;
            if (text.StartsWith("(dynamicClass)", StringComparison.Ordinal) || text.Contains(":IL_STUB", StringComparison.Ordinal) || !seen.Add(text))
                continue;
            if (TryParse(text) is { } method)
                yield return method;
        }
    }

    public static JittedMethod? TryParse(string text)
    {
        var reader = new Reader(text);
        var owner = reader.Type();
        if (owner is null || !reader.Take(':'))
            return null;
        var name = reader.Until('[', '(');
        var methodArguments = reader.Peek('[') ? reader.Arguments() : [];
        if (methodArguments is null || !reader.Take('('))
            return null;
        var parameters = new List<TypeName>();
        while (!reader.Take(')'))
        {
            if (reader.Type() is not { } parameter)
                return null;
            parameters.Add(parameter);
            reader.Take(',');
        }
        return new JittedMethod(owner, name, methodArguments, parameters);
    }

    [GeneratedRegex(@"JIT compiled (?<method>.+) \[(Tier0|Tier1|Instrumented Tier0|Instrumented Tier1|FullOpts|Tier-0 switched to FullOpts|Tier1-OSR)[^\]]*\]\s*$")]
    private static partial Regex SummaryLine();

    private sealed class Reader(string text)
    {
        private int _at;

        public bool Peek(char c) => _at < text.Length && text[_at] == c;

        public bool Take(char c)
        {
            if (!Peek(c))
                return false;
            _at++;
            return true;
        }

        public string Until(params char[] stops)
        {
            var start = _at;
            while (_at < text.Length && Array.IndexOf(stops, text[_at]) < 0)
                _at++;
            return text[start.._at];
        }

        /// <summary>A type: a name up to a bracket, comma, colon or parenthesis; then its arguments and array ranks.</summary>
        public TypeName? Type()
        {
            var name = Until('[', ',', ']', ':', '(', ')');
            if (name.Length == 0)
                return null;
            IReadOnlyList<TypeName> arguments = [];
            if (Peek('[') && _at + 1 < text.Length && text[_at + 1] != ']')
            {
                if (Arguments() is not { } parsed)
                    return null;
                arguments = parsed;
            }
            var ranks = 0;
            while (_at + 1 < text.Length && text[_at] == '[' && text[_at + 1] == ']')
            {
                _at += 2;
                ranks++;
            }
            return new TypeName(name, arguments, ranks);
        }

        public IReadOnlyList<TypeName>? Arguments()
        {
            if (!Take('['))
                return null;
            var arguments = new List<TypeName>();
            while (!Take(']'))
            {
                if (Type() is not { } argument)
                    return null;
                arguments.Add(argument);
                Take(',');
            }
            return arguments;
        }
    }
}
