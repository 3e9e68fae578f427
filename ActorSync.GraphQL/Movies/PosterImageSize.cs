using System.ComponentModel;

namespace ActorSync.GraphQL.Movies;

/// <summary>TMDB's poster sizes.</summary>
public enum PosterImageSize
{
    [Description("92 pixels wide.")] W92,
    [Description("154 pixels wide.")] W154,
    [Description("185 pixels wide.")] W185,
    [Description("342 pixels wide.")] W342,
    [Description("500 pixels wide.")] W500,
    [Description("780 pixels wide.")] W780,
    [Description("The original upload.")] Original,
}
