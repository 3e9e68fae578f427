using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Execution;

/// <summary>
/// An operation compiled once for the direct path (<see cref="DirectExecutor"/>): the fields each object answers
/// (fragments collected and merged as the spec's CollectFields does), each with its resolver, its arguments and the
/// shape of its value. What depends on variables is left open and filled per request by <see cref="PlanBindings"/>:
/// the arguments of fields whose arguments or directives hold a variable, and the <c>@skip</c>/<c>@include</c> whose
/// condition is a variable. Those conditions change which fields are collected (and in which order), so the plan keeps
/// one field tree per combination of them that requests have used (<see cref="MaxVariants"/>); an operation without
/// such conditions has exactly one.
/// </summary>
public sealed partial class OperationPlan
{
    /// <summary>Variable conditions (<c>@skip</c>/<c>@include</c> with a variable) an operation may hold and still be planned.</summary>
    public const int MaxConditions = 16;

    /// <summary>Field trees kept per operation (combinations of its variable conditions); others are left to GraphQL.NET.</summary>
    public const int MaxVariants = 8;

    private readonly ASTNode[] _conditions;
    private readonly Dictionary<ASTNode, int> _conditionIndex;
    private readonly GraphQLField[] _boundFields;
    private readonly Dictionary<GraphQLField, int> _slots;
    private readonly IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? _constantArguments;
    private readonly IReadOnlyDictionary<ASTNode, IDictionary<string, DirectiveInfo>>? _constantDirectives;
    private readonly ConcurrentDictionary<int, Selection?> _variants = new();

    private OperationPlan(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, Analysis analysis,
        IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments, IReadOnlyDictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives)
    {
        Schema = schema;
        Document = document;
        Operation = operation;
        _conditions = [.. analysis.Conditions];
        _conditionIndex = _conditions.Select((node, i) => (node, i)).ToDictionary(p => p.node, p => p.i);
        _boundFields = [.. analysis.BoundFields];
        _slots = _boundFields.Select((field, i) => (field, i)).ToDictionary(p => p.field, p => p.i);
        // The values of literals and defaults are the same for every request: those of the validation compiled from.
        _constantArguments = arguments;
        _constantDirectives = directives;
    }

    public ISchema Schema { get; }
    public GraphQLDocument Document { get; }
    public GraphQLOperationDefinition Operation { get; }

    /// <summary>Field trees built so far (combinations of variable conditions requests have used).</summary>
    public int Variants => _variants.Count;

    /// <summary>Fields whose arguments are bound per request.</summary>
    public int BoundFieldCount => _boundFields.Length;

    /// <summary>How many fields the field trees built so far hold (each counted once per tree), for the byte budget.</summary>
    public int FieldCount => _variants.Values.Sum(root => root is null ? 0 : Count(root));

    /// <summary>
    /// Plans the operation from a validation of it that passed (the values it coerced for literals and defaults are
    /// kept); null when the operation holds what the direct path leaves to GraphQL.NET (not a query, too many variable
    /// conditions).
    /// </summary>
    public static OperationPlan? TryCreate(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, IValidationResult validated)
    {
        if (!validated.IsValid || operation.Operation != OperationType.Query || schema.Query is null)
            return null;
        var analysis = new Analysis(document);
        analysis.Visit(operation, operation.SelectionSet);
        return analysis.Conditions.Count > MaxConditions
            ? null
            : new OperationPlan(schema, document, operation, analysis, validated.ArgumentValues, validated.DirectiveValues);
    }

    /// <summary>What one request's variables make of the open parts: read from a validation of the request that passed.</summary>
    public PlanBindings Bind(IValidationResult validated)
    {
        var arguments = new IDictionary<string, ArgumentValue>?[_boundFields.Length];
        var directives = new IDictionary<string, DirectiveInfo>?[_boundFields.Length];
        for (var i = 0; i < _boundFields.Length; i++)
        {
            arguments[i] = validated.ArgumentValues?.GetValueOrDefault(_boundFields[i]);
            directives[i] = validated.DirectiveValues?.GetValueOrDefault(_boundFields[i]);
        }
        var mask = 0;
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (Included(validated.DirectiveValues?.GetValueOrDefault(_conditions[i])))
                mask |= 1 << i;
        }
        return new PlanBindings(validated.Variables ?? Variables.None, arguments, directives, mask);
    }

    /// <summary>
    /// The field tree for a request's conditions, built on first use (<paramref name="built"/>: the plan grew); null
    /// when it cannot be run directly.
    /// </summary>
    internal Selection? Root(PlanBindings bindings, out bool built)
    {
        built = false;
        if (_variants.TryGetValue(bindings.Conditions, out var root))
            return root;
        if (_variants.Count >= MaxVariants)
            return null;
        root = new Builder(this, bindings.Conditions).Build(Schema.Query!, [Operation.SelectionSet]);
        built = true;
        return _variants.GetOrAdd(bindings.Conditions, root);
    }

    /// <summary>Whether a node with these coerced directives is part of the answer (<c>@skip</c> and <c>@include</c>).</summary>
    private static bool Included(IDictionary<string, DirectiveInfo>? given)
    {
        if (given is null)
            return true;
        if (given.TryGetValue("skip", out var skip) && skip.Arguments["if"].Value is true)
            return false;
        if (given.TryGetValue("include", out var include) && include.Arguments["if"].Value is false)
            return false;
        return true;
    }

    private static int Count(Selection selection) => selection.Fields.Sum(f => 1 + Count(f.Shape));

    private static int Count(Shape shape) => shape switch
    {
        NonNullShape n => Count(n.Inner),
        ListShape l => Count(l.Item),
        ObjectShape o => Count(o.Selection),
        AbstractShape a => a.ByType.Values.Sum(Count),
        _ => 0,
    };

    /// <summary>Finds what depends on variables: fields whose arguments or directives hold one, and variable conditions.</summary>
    private sealed class Analysis(GraphQLDocument document)
    {
        public List<ASTNode> Conditions { get; } = [];
        public List<GraphQLField> BoundFields { get; } = [];
        private readonly HashSet<ASTNode> _seen = [];
        private readonly HashSet<GraphQLFragmentDefinition> _visited = [];

        public void Visit(IHasDirectivesNode node, GraphQLSelectionSet? set)
        {
            if (!_seen.Add((ASTNode)node))
                return;
            if (node.Directives?.Items.Any(d => d.Name.Value.Span is "skip" or "include" && HoldsVariable(d.Arguments)) == true)
                Conditions.Add((ASTNode)node);
            if (node is GraphQLField field && (HoldsVariable(field.Arguments) || node.Directives?.Items.Any(d => HoldsVariable(d.Arguments)) == true))
                BoundFields.Add(field);
            foreach (var selection in set?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField child:
                        Visit(child, child.SelectionSet);
                        break;
                    case GraphQLInlineFragment inline:
                        Visit(inline, inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread:
                        Visit(spread, null);
                        if (document.FindFragmentDefinition(spread.FragmentName.Name) is { } fragment && _visited.Add(fragment))
                            Visit(fragment, fragment.SelectionSet);
                        break;
                }
            }
        }

        private static bool HoldsVariable(GraphQLArguments? arguments) => arguments?.Items.Any(a => HoldsVariable(a.Value)) == true;

        private static bool HoldsVariable(GraphQLValue value) => value switch
        {
            GraphQLVariable => true,
            GraphQLListValue list => list.Values?.Any(HoldsVariable) == true,
            GraphQLObjectValue obj => obj.Fields?.Any(f => HoldsVariable(f.Value)) == true,
            _ => false,
        };
    }

    /// <summary>Collects fields as the GraphQL spec's CollectFields does (and GraphQL.NET with it): first appearance orders them, same response names merge.</summary>
    private sealed class Builder(OperationPlan plan, int conditions)
    {
        private readonly ISchema _schema = plan.Schema;

        public Selection? Build(IObjectGraphType type, IReadOnlyList<GraphQLSelectionSet> selectionSets)
        {
            var collected = new List<(string Name, List<GraphQLField> Nodes)>();
            foreach (var set in selectionSets)
            {
                if (!Collect(type, set, collected))
                    return null;
            }

            var fields = new Field[collected.Count];
            for (var i = 0; i < collected.Count; i++)
            {
                var (name, nodes) = collected[i];
                var first = nodes[0];
                var definition = Definition(type, first);
                if (definition?.ResolvedType is null || definition.Resolver is null)
                    return null;
                var childSets = new List<GraphQLSelectionSet>();
                foreach (var node in nodes)
                {
                    if (node.SelectionSet is { } set)
                        childSets.Add(set);
                }
                if (ShapeOf(definition.ResolvedType, childSets) is not { } shape)
                    return null;
                var slot = plan._slots.GetValueOrDefault(first, -1);
                fields[i] = new Field(JsonEncodedText.Encode(name), first, definition, definition.Resolver,
                    slot >= 0 ? Defaults(definition) : ArgumentsOf(definition, first),
                    slot >= 0 ? null : plan._constantDirectives?.GetValueOrDefault(first), slot, shape);
            }
            return new Selection(type, fields);
        }

        /// <summary>The arguments a field runs with: those coerced for it, else its defaults (as GraphQL.NET's execution takes them).</summary>
        private IDictionary<string, ArgumentValue>? ArgumentsOf(FieldType definition, GraphQLField field) =>
            plan._constantArguments?.GetValueOrDefault(field) ?? Defaults(definition);

        private static Dictionary<string, ArgumentValue>? Defaults(FieldType definition) =>
            definition.Arguments is { Count: > 0 } defined ? defined.ToDictionary(a => a.Name, a => new ArgumentValue(a.DefaultValue, ArgumentSource.FieldDefault)) : null;

        private Shape? ShapeOf(IGraphType type, IReadOnlyList<GraphQLSelectionSet> childSets)
        {
            switch (type)
            {
                case NonNullGraphType nonNull:
                    return nonNull.ResolvedType is { } inner && ShapeOf(inner, childSets) is { } innerShape ? new NonNullShape(innerShape) : null;
                case ListGraphType list:
                    return list.ResolvedType is { } item && ShapeOf(item, childSets) is { } itemShape ? new ListShape(itemShape) : null;
                case ScalarGraphType scalar:
                    return new ScalarShape(scalar);
                case IObjectGraphType objectType:
                    return Build(objectType, childSets) is { } selection ? new ObjectShape(selection) : null;
                case IAbstractGraphType abstractType:
                    var byType = new Dictionary<IObjectGraphType, Selection>();
                    foreach (var possible in abstractType.PossibleTypes)
                    {
                        if (Build(possible, childSets) is not { } possibleSelection)
                            return null;
                        byType[possible] = possibleSelection;
                    }
                    return new AbstractShape(abstractType, byType);
                default:
                    return null;
            }
        }

        /// <summary>False when the selection holds what the direct path does not run (introspection).</summary>
        private bool Collect(IObjectGraphType type, GraphQLSelectionSet set, List<(string Name, List<GraphQLField> Nodes)> collected)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        if (!Included(field))
                            continue;
                        if (field.Name.Value.Span is "__schema" or "__type")
                            return false;
                        var name = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                        var index = collected.FindIndex(c => c.Name == name);
                        if (index < 0)
                            collected.Add((name, [field]));
                        else if (!collected[index].Nodes.Contains(field))
                            collected[index].Nodes.Add(field);
                        break;
                    case GraphQLFragmentSpread spread:
                        if (!Included(spread))
                            continue;
                        var fragment = plan.Document.FindFragmentDefinition(spread.FragmentName.Name);
                        if (fragment is not null && Included(fragment) && Matches(fragment.TypeCondition.Type.Name.StringValue, type)
                            && !Collect(type, fragment.SelectionSet, collected))
                            return false;
                        break;
                    case GraphQLInlineFragment inline:
                        if (Included(inline) && Matches(inline.TypeCondition?.Type.Name.StringValue ?? type.Name, type)
                            && !Collect(type, inline.SelectionSet, collected))
                            return false;
                        break;
                }
            }
            return true;
        }

        private bool Matches(string typeCondition, IObjectGraphType type) =>
            _schema.AllTypes[typeCondition] is { } condition
            && (condition.Equals(type) || (condition is IAbstractGraphType abstractType && abstractType.IsPossibleType(type)));

        /// <summary>@skip and @include: a variable condition as the request decided it, a literal one as coerced once.</summary>
        private bool Included(ASTNode node) =>
            plan._conditionIndex.TryGetValue(node, out var index)
                ? (conditions & (1 << index)) != 0
                : OperationPlan.Included(plan._constantDirectives?.GetValueOrDefault(node));

        private FieldType? Definition(IObjectGraphType type, GraphQLField field) =>
            field.Name.Value.Span is "__typename" ? _schema.TypeNameMetaFieldType : type.GetField(field.Name);
    }
}

/// <summary>
/// One request's values for the open parts of an <see cref="OperationPlan"/>: the coerced variables, the arguments and
/// directives of its bound fields (by slot) and which variable conditions hold (a bit each). Never changed once made, so
/// requests with the same variables can share it.
/// </summary>
public sealed class PlanBindings(Variables variables, IDictionary<string, ArgumentValue>?[] arguments, IDictionary<string, DirectiveInfo>?[] directives, int conditions)
{
    public Variables Variables { get; } = variables;
    internal IDictionary<string, ArgumentValue>?[] Arguments { get; } = arguments;
    internal IDictionary<string, DirectiveInfo>?[] Directives { get; } = directives;
    internal int Conditions { get; } = conditions;

    /// <summary>Estimated bytes, for the byte budget: the object, its arrays and the coerced values they point at.</summary>
    public long Bytes => 256 + 200L * Arguments.Length + 64L * Variables.Count();
}
