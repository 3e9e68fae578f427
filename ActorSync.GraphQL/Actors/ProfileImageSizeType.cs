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
}
