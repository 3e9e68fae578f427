using System.Collections.Concurrent;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Execution;

/// <summary>The parts of a plan's field tree: selections, fields and the shapes of their values.</summary>
public sealed partial class OperationPlan
{
    /// <summary>The fields one object type answers, in response order.</summary>
    internal sealed class Selection(IObjectGraphType type, Field[] fields)
    {
        public IObjectGraphType Type { get; } = type;
        public Field[] Fields { get; } = fields;

        /// <summary>The CLR type of the objects it answers (T of ObjectGraphType&lt;T&gt;), which its resolvers' contexts carry.</summary>
        public Type SourceType { get; } = SourceTypeOf(type);

        /// <summary>A context typed for <see cref="SourceType"/>: typed resolvers then take it as it is instead of wrapping it.</summary>
        public ResolveFieldContext NewContext() => ContextFactories.GetOrAdd(SourceType, CreateFactory)();

        private static readonly ConcurrentDictionary<Type, Func<ResolveFieldContext>> ContextFactories = new();

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

    /// <summary>A field: its arguments and directives are the constant ones, or (<see cref="Slot"/> 0 or more) the request's.</summary>
    internal sealed class Field(JsonEncodedText name, GraphQLField ast, FieldType definition, IFieldResolver resolver,
        IDictionary<string, ArgumentValue>? arguments, IDictionary<string, DirectiveInfo>? directives, int slot, Shape shape)
    {
        public JsonEncodedText Name { get; } = name;
        public GraphQLField Ast { get; } = ast;
        public FieldType Definition { get; } = definition;
        public IFieldResolver Resolver { get; } = resolver;
        public IDictionary<string, ArgumentValue>? Arguments { get; } = arguments;
        public IDictionary<string, DirectiveInfo>? Directives { get; } = directives;
        public int Slot { get; } = slot;
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
}
