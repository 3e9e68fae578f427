using System.Globalization;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Security;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Schema;

/// <summary>
/// IBM's GraphQL cost directives (ibm.github.io/graphql-specs/cost-spec.html), as Hot Chocolate publishes them:
/// <c>@cost(weight:)</c> on what a field weighs when the spec's default (1 for an object, 0 for a scalar) is not it.
/// </summary>
public sealed class CostDirective : Directive
{
    public const string DirectiveName = "cost";

    public CostDirective()
        : base(DirectiveName, DirectiveLocation.ArgumentDefinition, DirectiveLocation.Enum, DirectiveLocation.FieldDefinition,
            DirectiveLocation.InputFieldDefinition, DirectiveLocation.Object, DirectiveLocation.Scalar)
    {
        Description = "The weight of a field in the cost analysis (IBM GraphQL cost specification); fields without it weigh 1 " +
            "when they return an object and 0 otherwise. A field that takes a list of ids (tmdbIds, ids) weighs this once per id; " +
            $"a search (a field returning a connection) once per TMDB page of {CostModel.SearchPageSize} results its window reads.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "weight", Description = "The weight, a number." });
    }
}

/// <summary>IBM's <c>@listSize</c>: how long a list is assumed to be, or which argument sets its length.</summary>
public sealed class ListSizeDirective : Directive
{
    public const string DirectiveName = "listSize";

    public ListSizeDirective()
        : base(DirectiveName, DirectiveLocation.FieldDefinition)
    {
        Description = "The size of the list a field returns, for the cost analysis (IBM GraphQL cost specification): the value of a " +
            "slicing argument (the length of a list argument), else assumedSize. Every field selected below it counts once per item.";
        Arguments = new QueryArguments(
            new QueryArgument<IntGraphType> { Name = "assumedSize", Description = "The size assumed when no slicing argument says it." },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "slicingArguments", Description = "Arguments whose value is the size." },
            new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "sizedFields", Description = "Child fields the size applies to instead of this one." },
            new QueryArgument<BooleanGraphType> { Name = "requireOneSlicingArgument", Description = "Whether a query must give exactly one slicing argument.", DefaultValue = true });
    }
}

/// <summary>Apollo's <c>@cacheControl</c>: how long an answer reading the field may be cached.</summary>
public sealed class CacheControlDirective : Directive
{
    public const string DirectiveName = "cacheControl";

    public CacheControlDirective()
        : base(DirectiveName, DirectiveLocation.FieldDefinition, DirectiveLocation.Object, DirectiveLocation.Interface, DirectiveLocation.Union)
    {
        Description = "How long, in seconds, an answer reading this field stays fresh (Apollo's cache hints). An answer is cached " +
            "for the shortest maxAge among the fields it selects; fields without a hint do not shorten it.";
        Arguments = new QueryArguments(
            new QueryArgument<IntGraphType> { Name = "maxAge", Description = "Seconds the field's value stays fresh." },
            new QueryArgument<CacheControlScopeType> { Name = "scope", Description = "Who may cache the answer." },
            new QueryArgument<BooleanGraphType> { Name = "inheritMaxAge", Description = "Whether the field takes its parent's maxAge." });
    }
}

/// <summary>Apollo's <c>CacheControlScope</c>.</summary>
public sealed class CacheControlScopeType : EnumerationGraphType
{
    public CacheControlScopeType()
    {
        Name = "CacheControlScope";
        Description = "Who may cache an answer (Apollo's cache hints).";
        Add("PUBLIC", "PUBLIC", "Any cache: the answer is the same for every client.");
        Add("PRIVATE", "PRIVATE", "Only the client's own cache.");
    }
}

/// <summary>
/// Applies the directives to every field from the models the server runs on (<see cref="CostModel"/> and
/// <see cref="CacheHints"/> with the current settings), so what the schema says is what the analysis charges and what
/// the result cache keeps.
/// </summary>
public sealed class SchemaDirectivesVisitor(QueryLimitsOptions limits, CacheOptions cache) : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema) => Apply(field, type);

    public override void VisitInterfaceFieldDefinition(FieldType field, IInterfaceGraphType type, ISchema schema) => Apply(field, type);

    private void Apply(FieldType field, IGraphType parent)
    {
        if (parent.Name.StartsWith("__", StringComparison.Ordinal))
            return;
        if (field.GetComplexityImpactDelegate() is not null)
            throw new InvalidOperationException($"{parent.Name}.{field.Name} has its own cost delegate, which the schema cannot publish: use CostModel.Weighs.");

        var tmdb = CacheHints.KindOf(field) is { } kind ? kind : (CacheKind?)null;
        var weight = CostModel.IsSearch(field) ? limits.TmdbFieldCost : CostModel.Weight(field, limits);
        var idArgument = CostModel.IdArgumentOf(field);
        if (idArgument is not null && tmdb is null)
            throw new InvalidOperationException($"{parent.Name}.{field.Name} takes ids but reads no TMDB resource: its cost is not once per id.");
        var specDefault = field.ResolvedType?.GetNamedType() is IComplexGraphType or UnionGraphType ? 1 : 0;
        if (weight != specDefault)
            field.ApplyDirective(CostDirective.DirectiveName, "weight", weight.ToString(CultureInfo.InvariantCulture));

        if (CostModel.IsSearch(field) || CostModel.IsList(field.ResolvedType))
            ApplyListSize(field, idArgument);

        if (tmdb is { } hinted)
            field.ApplyDirective(CacheControlDirective.DirectiveName, "maxAge", (int)CacheHints.MaxAge(hinted, cache).TotalSeconds);
    }

    /// <summary>What sizes the list, as <see cref="CostModel.Impact"/> reads it: <c>first</c>, else the ids, else the assumed size.</summary>
    private void ApplyListSize(FieldType field, string? idArgument)
    {
        var first = field.Arguments?.Find("first");
        var slicing = first is not null ? "first" : idArgument;
        field.ApplyDirective(ListSizeDirective.DirectiveName, directive =>
        {
            // A slicing argument with a default (or a required one) always gives the size; otherwise the assumed size can.
            if (slicing is null || (first is not null && first.DefaultValue is null))
                directive.AddArgument(new DirectiveArgument("assumedSize") { Value = (int)CostModel.AssumedSize(field, limits) });
            if (slicing is not null)
                directive.AddArgument(new DirectiveArgument("slicingArguments") { Value = new[] { slicing } });
            // An optional argument: a query may leave it out.
            if (first is not null)
                directive.AddArgument(new DirectiveArgument("requireOneSlicingArgument") { Value = false });
        });
    }
}
