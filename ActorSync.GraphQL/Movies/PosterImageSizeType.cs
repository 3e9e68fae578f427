using GraphQL.Types;

namespace ActorSync.GraphQL.Movies;

/// <summary>The <c>PosterImageSize</c> enum.</summary>
public sealed class PosterImageSizeType : EnumerationGraphType<PosterImageSize>
{
    public PosterImageSizeType()
    {
        Name = "PosterImageSize";
        Description = "Sizes TMDB serves posters in.";
    }
}
