using GraphQL.Types;

namespace ActorSync.GraphQL.Search;

/// <summary>The Relay <c>PageInfo</c> type.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in the full result list.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when more results follow this page.").Resolve(ctx => ctx.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("True when results precede this page.").Resolve(ctx => ctx.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Description("Cursor of the first edge; null on an empty page.").Resolve(ctx => ctx.Source.StartCursor);
        Field<StringGraphType>("endCursor").Description("Cursor of the last edge; pass it as `after` for the next page.").Resolve(ctx => ctx.Source.EndCursor);
    }
}
