using GraphQL.Builders;
using GraphQL.Types;

namespace ActorSync.GraphQL.Caching;

/// <summary>Which TMDB resource a field's value comes from, and so how long an answer using it stays fresh.</summary>
public enum CacheKind
{
    Search,
    Movie,
    Person,
}

/// <summary>Per-field max-age hints (like Hot Chocolate's <c>@cacheControl</c>): a field is as fresh as the resource it reads.</summary>
public static class CacheHints
{
    public const string MetadataKey = "actorsync:cacheKind";

    public static FieldBuilder<TSource, TReturn> CacheAs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, CacheKind kind)
    {
        field.FieldType.Metadata[MetadataKey] = kind;
        return field;
    }

    /// <summary>How long a value of this kind stays fresh: the TMDB cache's TTL for it.</summary>
    public static TimeSpan MaxAge(CacheKind kind, CacheOptions options) => kind switch
    {
        CacheKind.Search => options.SearchTtl,
        CacheKind.Movie => options.MovieTtl,
        _ => options.PersonTtl,
    };

    public static CacheKind? KindOf(FieldType field) =>
        field.Metadata.TryGetValue(MetadataKey, out var kind) && kind is CacheKind value ? value : null;
}
