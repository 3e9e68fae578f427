using System.ComponentModel;

namespace ActorSync.GraphQL.Actors;

/// <summary>TMDB's gender codes, in their order (0 unspecified, 1 female, 2 male, 3 non-binary).</summary>
public enum Gender
{
    [Description("Not specified on TMDB.")] Unspecified = 0,
    [Description("Female.")] Female = 1,
    [Description("Male.")] Male = 2,
    [Description("Non-binary.")] NonBinary = 3,
}

public static class GenderCodes
{
    /// <summary>Codes TMDB may add later read as unspecified rather than failing the field.</summary>
    public static Gender FromTmdb(int? code) => code is >= 0 and <= 3 ? (Gender)code.Value : Gender.Unspecified;
}
