using System.Globalization;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Tests.Execution;

/// <summary>What <see cref="RandomOperations"/> reads of the schema: object types and interfaces with their fields, enums, and the cost directives.</summary>
public sealed class SchemaTypes
{
    public sealed record TypeInfo(string Name, IReadOnlyList<GraphQLFieldDefinition> Fields, bool IsInterface);

    public SchemaTypes(GraphQLDocument schema)
    {
        foreach (var definition in schema.Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition type:
                    Objects[type.Name.StringValue] = Composites[type.Name.StringValue] = new TypeInfo(type.Name.StringValue, type.Fields?.Items ?? [], false);
                    break;
                case GraphQLInterfaceTypeDefinition type:
                    Composites[type.Name.StringValue] = new TypeInfo(type.Name.StringValue, type.Fields?.Items ?? [], true);
                    break;
                case GraphQLEnumTypeDefinition type:
                    Enums[type.Name.StringValue] = type.Values?.Items.Select(v => v.Name.StringValue).ToList() ?? [];
                    break;
            }
        }
    }

    public Dictionary<string, TypeInfo> Objects { get; } = [];

    /// <summary>Object types and interfaces: the types a field needs a selection set for.</summary>
    public Dictionary<string, TypeInfo> Composites { get; } = [];

    public Dictionary<string, List<string>> Enums { get; } = [];

    public static string Named(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Named(nonNull.Type),
        GraphQLListType list => Named(list.Type),
        GraphQLNamedType named => named.Name.StringValue,
        _ => throw new ArgumentException($"Unknown type node {type.Kind}"),
    };

    public static bool IsList(GraphQLType type) => type is GraphQLListType || type is GraphQLNonNullType { Type: GraphQLListType };

    public static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Print(nonNull.Type) + "!",
        GraphQLListType list => "[" + Print(list.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => throw new ArgumentException($"Unknown type node {type.Kind}"),
    };

    /// <summary>The field's <c>@cost</c> weight; 1 without one (the analysis weighs objects 1 and leaves 0, so this overestimates).</summary>
    public static double Weight(GraphQLFieldDefinition field) =>
        Directive(field, "cost", "weight") is GraphQLStringValue weight ? double.Parse(weight.Value.Span, CultureInfo.InvariantCulture) : 1;

    /// <summary>The size the analysis assumes for a list field without a slicing argument (its <c>assumedSize</c>, else 20).</summary>
    public static double ListSize(GraphQLFieldDefinition field) =>
        Directive(field, "listSize", "assumedSize") is GraphQLIntValue size ? int.Parse(size.Value.Span, CultureInfo.InvariantCulture) : IsList(field.Type) ? 20 : 1;

    private static GraphQLValue? Directive(GraphQLFieldDefinition field, string directive, string argument) =>
        field.Directives?.Items.FirstOrDefault(d => d.Name.StringValue == directive)?.Arguments?.Items
            .FirstOrDefault(a => a.Name.StringValue == argument)?.Value;
}
