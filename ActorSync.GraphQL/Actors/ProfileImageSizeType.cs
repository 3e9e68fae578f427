using GraphQL.Types;

namespace ActorSync.GraphQL.Actors;

/// <summary>The <c>ProfileImageSize</c> enum.</summary>
public sealed class ProfileImageSizeType : EnumerationGraphType<ProfileImageSize>
{
    public ProfileImageSizeType()
    {
        Name = "ProfileImageSize";
        Description = "Sizes TMDB serves profile images in.";
    }

    // TMDB's size names (W185, not the default W_185).
    protected override string ChangeEnumCase(string val) => val.ToUpperInvariant();
}
