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
/// An operation of a cached document with one set of variables, compiled into what <see cref="DirectExecutor"/> walks:
/// the fields each object answers (fragments collected and merged, <c>@skip</c>/<c>@include</c> decided), each with its
/// resolver, its arguments as GraphQL.NET coerced them, and the shape of its value. It is built from what GraphQL.NET
/// coerced for these variables, either in an execution without errors or in a validation that passed (variables,
/// arguments, the cost limits) of a document that passed the full validation before.
/// </summary>
public sealed class CompiledOperation
{
    private CompiledOperation(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, Variables variables, Selection root)
    {
        Schema = schema;
        Document = document;
        Operation = operation;
        Variables = variables;
        Root = root;
    }

    public ISchema Schema { get; }
    public GraphQLDocument Document { get; }
    public GraphQLOperationDefinition Operation { get; }
    public Variables Variables { get; }
    internal Selection Root { get; }

    /// <summary>How many fields the compiled selection holds (each counted once, however many items a list gives it).</summary>
    public int FieldCount => Count(Root);

    private static int Count(Selection selection) => selection.Fields.Sum(f => 1 + Count(f.Shape));

    private static int Count(Shape shape) => shape switch
    {
        NonNullShape n => Count(n.Inner),
        ListShape l => Count(l.Item),
        ObjectShape o => Count(o.Selection),
        AbstractShape a => a.ByType.Values.Sum(Count),
        _ => 0,
    };

    /// <summary>
    /// Compiles the operation an execution ran, with that execution's variables, arguments and directives; null when
    /// it holds something the direct path leaves to GraphQL.NET (introspection, a type it does not know).
    /// </summary>
    public static CompiledOperation? TryCompile(IExecutionContext context) =>
        TryCompile(context.Schema, context.Document, context.Operation, context.Variables, context.ArgumentValues, context.DirectiveValues);

    /// <summary>
    /// Compiles an operation with the variables, arguments and directives a successful validation of it coerced (the
    /// same values an execution would run with); null when it holds something the direct path leaves to GraphQL.NET.
    /// </summary>
    public static CompiledOperation? TryCompile(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, IValidationResult validated) =>
        validated.IsValid
            ? TryCompile(schema, document, operation, validated.Variables ?? Variables.None, validated.ArgumentValues, validated.DirectiveValues)
            : null;

    private static CompiledOperation? TryCompile(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, Variables variables,
        IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments, IReadOnlyDictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives)
    {
        if (operation.Operation != OperationType.Query || schema.Query is not { } query)
            return null;
        var builder = new Builder(schema, document, arguments, directives);
        var root = builder.Build(query, [operation.SelectionSet]);
        return root is null ? null : new CompiledOperation(schema, document, operation, variables, root);
    }

    /// <summary>The fields one object type answers, in response order.</summary>
    internal sealed class Selection(IObjectGraphType type, Field[] fields)
    {
        public IObjectGraphType Type { get; } = type;
        public Field[] Fields { get; } = fields;

        /// <summary>The CLR type of the objects it answers (T of ObjectGraphType&lt;T&gt;), which its resolvers' contexts carry.</summary>
        public Type SourceType { get; } = SourceTypeOf(type);

        /// <summary>A context typed for <see cref="SourceType"/>: typed resolvers then take it as it is instead of wrapping it.</summary>
        public ResolveFieldContext NewContext() => ContextFactories.GetOrAdd(SourceType, CreateFactory)();

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<ResolveFieldContext>> ContextFactories = new();

        private static Func<ResolveFieldContext> CreateFactory(Type source)
        {
            var contextType = typeof(ResolveFieldContext<>).MakeGenericType(source);
            return () => (ResolveFieldContext)Activator.CreateInstance(contextType)!;
        }

        private static Type SourceTypeOf(IObjectGraphType type)
        {
            for (var t = type.GetType(); t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ObjectGraphType<>))
                    return t.GetGenericArguments()[0];
            }
            return typeof(object);
        }
    }

    internal sealed class Field(JsonEncodedText name, GraphQLField ast, FieldType definition, IFieldResolver resolver,
        IDictionary<string, ArgumentValue>? arguments, IDictionary<string, DirectiveInfo>? directives, Shape shape)
    {
        public JsonEncodedText Name { get; } = name;
        public GraphQLField Ast { get; } = ast;
        public FieldType Definition { get; } = definition;
        public IFieldResolver Resolver { get; } = resolver;
        public IDictionary<string, ArgumentValue>? Arguments { get; } = arguments;
        public IDictionary<string, DirectiveInfo>? Directives { get; } = directives;
        public Shape Shape { get; } = shape;
    }

    /// <summary>How a field's value is completed: the wrappers of its type, down to a scalar or a selection.</summary>
    internal abstract class Shape;

    internal sealed class NonNullShape(Shape inner) : Shape
    {
        public Shape Inner { get; } = inner;
    }

    internal sealed class ListShape(Shape item) : Shape
    {
        public Shape Item { get; } = item;
    }

    internal sealed class ScalarShape(ScalarGraphType type) : Shape
    {
        public ScalarGraphType Type { get; } = type;
    }

    internal sealed class ObjectShape(Selection selection) : Shape
    {
        public Selection Selection { get; } = selection;
    }

    /// <summary>An interface or union: the selection for each object type a value can turn out to be.</summary>
    internal sealed class AbstractShape(IAbstractGraphType type, IReadOnlyDictionary<IObjectGraphType, Selection> byType) : Shape
    {
        public IAbstractGraphType Type { get; } = type;
        public IReadOnlyDictionary<IObjectGraphType, Selection> ByType { get; } = byType;
    }

    /// <summary>Collects fields as the GraphQL spec's CollectFields does (and GraphQL.NET with it): first appearance orders them, same response names merge.</summary>
    private sealed class Builder(ISchema schema, GraphQLDocument document,
        IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments, IReadOnlyDictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives)
    {
        private readonly ISchema _schema = schema;

        /// <summary>The arguments a field runs with: those coerced for it, else its defaults (as GraphQL.NET's execution takes them).</summary>
        private static IDictionary<string, ArgumentValue>? ArgumentsOf(IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? coerced, FieldType definition, GraphQLField field) =>
            coerced is not null && coerced.TryGetValue(field, out var given) ? given
            : definition.Arguments is { Count: > 0 } defined ? defined.ToDictionary(a => a.Name, a => new ArgumentValue(a.DefaultValue, ArgumentSource.FieldDefault))
            : null;

        private IDictionary<string, DirectiveInfo>? DirectivesOf(ASTNode node) =>
            directives is not null && directives.TryGetValue(node, out var given) ? given : null;

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
                fields[i] = new Field(JsonEncodedText.Encode(name), first, definition, definition.Resolver,
                    ArgumentsOf(arguments, definition, first), DirectivesOf(first), shape);
            }
            return new Selection(type, fields);
        }

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
                        var fragment = document.FindFragmentDefinition(spread.FragmentName.Name);
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

        /// <summary>@skip and @include, as the execution that this is compiled from decided them.</summary>
        private bool Included(ASTNode node)
        {
            if (DirectivesOf(node) is not { } given)
                return true;
            if (given.TryGetValue(_schema.Directives.Skip.Name, out var skip) && skip.Arguments["if"].Value is true)
                return false;
            if (given.TryGetValue(_schema.Directives.Include.Name, out var include) && include.Arguments["if"].Value is false)
                return false;
            return true;
        }

        private FieldType? Definition(IObjectGraphType type, GraphQLField field) =>
            field.Name.Value.Span is "__typename" ? _schema.TypeNameMetaFieldType : type.GetField(field.Name);
    }
}
