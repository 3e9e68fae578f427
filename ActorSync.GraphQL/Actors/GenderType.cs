using GraphQL.Types;

namespace ActorSync.GraphQL.Actors;

/// <summary>The <c>Gender</c> enum.</summary>
public sealed class GenderType : EnumerationGraphType<Gender>
{
    public GenderType()
    {
        Name = "Gender";
        Description = "A person's gender as recorded on TMDB.";
    }
}
