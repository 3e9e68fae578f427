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

    // TMDB's size names (W185, not the default W_185).
    protected override string ChangeEnumCase(string val) => val.ToUpperInvariant();
}
