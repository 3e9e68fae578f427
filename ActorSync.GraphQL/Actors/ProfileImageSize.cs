using System.ComponentModel;

namespace ActorSync.GraphQL.Actors;

/// <summary>TMDB's profile image sizes.</summary>
public enum ProfileImageSize
{
    [Description("45 pixels wide.")] W45,
    [Description("185 pixels wide.")] W185,
    [Description("632 pixels high.")] H632,
    [Description("The original upload.")] Original,
}
