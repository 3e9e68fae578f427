using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorSync.GraphQL.Relay;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Tests.Execution;

/// <summary>A generated operation and the variables sent with it.</summary>
public sealed record GeneratedOperation(string Query, JsonObject Variables)
{
    public override string ToString() => $"{Query}\nvariables: {Variables.ToJsonString()}";
}

/// <summary>
/// Random valid operations read off <c>schema.graphql</c>: random fields at each level (bounded in depth and in an
/// estimated cost well under the limits), aliases (the same field twice, with other arguments), named and inline
/// fragments, <c>@include</c>/<c>@skip</c> on Boolean variables, variables with and without defaults, enums, paging,
/// <c>__typename</c>. Argument values come from the offline snapshot's real ids, with unknown ids and out-of-range
/// values now and then. The same seed gives the same operations.
/// </summary>
public sealed partial class RandomOperations
{
    private static readonly Lazy<SchemaTypes> Types = new(() => new SchemaTypes(Parser.Parse(File.ReadAllText(RepositoryRoot.Combine("schema.graphql")))));

    // Ids the snapshot holds (and a few it does not: 2, 1 and 999999999 answer null or NOT_FOUND).
    private static readonly int[] ActorIds = [287, 819, 6384, 2975, 530, 1283, 4724, 500, 31, 1892];
    private static readonly int[] MovieIds = [550, 603, 604, 120, 121, 122, 5, 13, 680, 155];
    private static readonly string[] Searches = ["tom", "the", "zzzzqq", "an", "star", "Brad Pitt", "  matrix "];

    /// <summary>The estimated cost an operation stays under (the limit is 10,000).</summary>
    private const double CostBudget = 3000;

    private readonly Random _random;
    private readonly List<string> _cursors = [Cursor(0), Cursor(3), Cursor(18)];
    private readonly Dictionary<string, string> _variableDefinitions = [];
    private readonly Dictionary<string, string> _fragments = [];
    private readonly Dictionary<string, Dictionary<string, string>> _places = [];
    private JsonObject _variables = [];
    private int _names;
    private int _fragmentCount;
    private bool _wantsBad;

    public RandomOperations(int seed) => _random = new Random(seed);

    /// <summary>Remembers cursors an answer gave, to page after them in later operations.</summary>
    public void SeeCursors(IEnumerable<string> cursors)
    {
        foreach (var cursor in cursors)
        {
            if (_cursors.Count < 64 && !_cursors.Contains(cursor))
                _cursors.Add(cursor);
        }
    }

    public GeneratedOperation Next()
    {
        _variableDefinitions.Clear();
        _fragments.Clear();
        _places.Clear();
        _variables = [];
        _names = 0;
        _fragmentCount = 0;
        // One operation in ten carries a value the arguments' validation refuses (BAD_USER_INPUT, 400).
        _wantsBad = _random.Next(10) == 0;
        var root = new Selection(this, Types.Value.Objects["Query"], "", 0, 1);
        var rootFields = 1 + _random.Next(3);
        for (var i = 0; i < rootFields && root.Cost < CostBudget; i++)
            root.AddRandomField();
        if (_random.Next(4) == 0)
            root.Add("__typename", 0);
        var name = _random.Next(3) == 0 ? "" : $" Op{_random.Next(100)}";
        // What was generated for fields left out (over the budget) is dropped: unused fragments and variables are errors.
        var body = $"{{ {root.Text} }}";
        var fragments = new List<string>();
        for (var added = true; added;)
        {
            added = false;
            foreach (var (fragment, text) in _fragments)
            {
                if (!fragments.Contains(text) && Regex.IsMatch(body, $@"\.\.\.{fragment}\b"))
                {
                    fragments.Add(text);
                    body += "\n" + text;
                    added = true;
                }
            }
        }
        var used = _variableDefinitions.Where(v => Regex.IsMatch(body, $@"\${v.Key}\b")).ToList();
        foreach (var unused in _variables.Select(v => v.Key).Where(v => used.All(u => u.Key != v)).ToList())
            _variables.Remove(unused);
        var definitions = used.Count > 0 ? $"({string.Join(", ", used.Select(v => v.Value))})" : "";
        var head = name.Length > 0 || definitions.Length > 0 || _random.Next(2) == 0 ? $"query{name}{definitions} " : "";
        return new GeneratedOperation(head + body, _variables);
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string NewName(string prefix) => $"{prefix}{++_names}";

    private Dictionary<string, string> Place(string path)
    {
        if (!_places.TryGetValue(path, out var names))
            _places[path] = names = [];
        return names;
    }

    private static string Cursor(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"cursor:{position}"));

    /// <summary>An argument's value as a literal or a variable (declared, with a default now and then).</summary>
    private string Argument(string field, GraphQLInputValueDefinition argument, out double size)
    {
        var type = SchemaTypes.Print(argument.Type);
        var value = Value(field, argument.Name.StringValue, argument.Type, out size);
        if (!Chance(45))
            return IsEnum(argument.Type) ? value.GetValue<string>() : Literal(value);
        var variable = NewName("v");
        if (Chance(20))
        {
            // A default the request may leave out (or override with the same value).
            _variableDefinitions[variable] = $"${variable}: {type} = {(IsEnum(argument.Type) ? value.GetValue<string>() : Literal(value))}";
            if (Chance(50))
                _variables[variable] = value.DeepClone();
        }
        else
        {
            _variableDefinitions[variable] = $"${variable}: {type}";
            _variables[variable] = value.DeepClone();
        }
        return "$" + variable;
    }

    private static bool IsEnum(GraphQLType type) => Types.Value.Enums.ContainsKey(SchemaTypes.Named(type));

    private static string Literal(JsonNode node) => node switch
    {
        JsonArray array => "[" + string.Join(", ", array.Select(n => Literal(n!))) + "]",
        _ => node.ToJsonString(),
    };

    /// <summary>A value for an argument: mostly real, sometimes unknown, rarely out of range.</summary>
    private JsonNode Value(string field, string argument, GraphQLType type, out double size)
    {
        size = 1;
        var bad = _wantsBad && Chance(30);
        switch (argument)
        {
            case "tmdbId" or "fromTmdbId" or "toTmdbId":
                return bad ? Pick([0, -5, 1_000_000_000]) : Chance(8) ? 999999999 : Pick(field == "movie" ? MovieIds : ActorIds);
            case "tmdbIds":
            {
                var pool = field.Contains("ovie", StringComparison.Ordinal) ? MovieIds : ActorIds;
                var count = field.StartsWith("compare", StringComparison.Ordinal) ? 2 + _random.Next(2) : 1 + _random.Next(4);
                var ids = pool.OrderBy(_ => _random.Next()).Take(count).Select(id => (JsonNode)id).ToList();
                if (Chance(10))
                    ids[^1] = field.StartsWith("compare", StringComparison.Ordinal) ? 999999999 : Pick([1, 2, 999999999]);
                if (bad)
                    ids = field.StartsWith("compare", StringComparison.Ordinal) ? [ids[0]] : [0];
                size = ids.Count;
                return new JsonArray([.. ids]);
            }
            case "id":
                return GlobalIdValue();
            case "ids":
            {
                var ids = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => (JsonNode)GlobalIdValue()).ToArray();
                size = ids.Length;
                return new JsonArray(ids);
            }
            case "first":
            {
                var first = bad ? Pick([-1, 51]) : Pick([0, 1, 2, 3, 5]);
                size = Math.Max(first, 0);
                return first;
            }
            case "maxDepth":
                return bad ? 7 : 1 + _random.Next(2);
            case "after":
                return Chance(20) ? Cursor(_random.Next(40)) : Pick(_cursors);
            case "query":
                return bad ? "   " : Pick(Searches);
            case "size":
                return Pick(Types.Value.Enums[SchemaTypes.Named(type)]);
            default:
                throw new InvalidOperationException($"No values for {field}({argument}:): teach the generator the new argument.");
        }
    }

    private string GlobalIdValue()
    {
        if (Chance(10))
            return Pick(["bm9wZTox", "not-an-id", GlobalId.Encode(GlobalId.Movie, 999999999)]);
        return Chance(50) ? GlobalId.Encode(GlobalId.Actor, Pick(ActorIds)) : GlobalId.Encode(GlobalId.Movie, Pick(MovieIds));
    }

    /// <summary>A directive for a field or fragment now and then: on a Boolean variable or a literal.</summary>
    private string Directive()
    {
        if (!Chance(12))
            return "";
        var name = Chance(50) ? "include" : "skip";
        if (Chance(25))
            return $" @{name}(if: {(Chance(50) ? "true" : "false")})";
        var variable = NewName("b");
        var value = Chance(50);
        switch (_random.Next(40))
        {
            case < 20:
                _variableDefinitions[variable] = $"${variable}: Boolean!";
                _variables[variable] = value;
                break;
            case < 39:
                _variableDefinitions[variable] = $"${variable}: Boolean = {(value ? "true" : "false")}";
                if (Chance(50))
                    _variables[variable] = !value;
                break;
            default:
                // Rarely a nullable variable without a default: invalid where Boolean! is expected (a validation error).
                _variableDefinitions[variable] = $"${variable}: Boolean";
                _variables[variable] = value;
                break;
        }
        return $" @{name}(if: ${variable})";
    }
}
