using System.Runtime.CompilerServices;
using ActorSync.GraphQL.Models;

namespace ActorSync.GraphQL.Comparisons;

/// <summary>
/// Each credit of an actor as a comparison entry with this actor's role alone in it, in <see cref="ActorDetails.Credits"/>
/// order (what comparisons read): a comparison of 2 or more actors reuses it for each movie only this actor is in, and
/// reads the movie and the role from it for the others. Kept beside the actor's details (built once per details
/// instance, which lives as long as the cached TMDB person does), so a warm comparison does not rebuild them; held here
/// rather than on <see cref="ActorDetails"/> so actors know nothing of comparisons.
/// </summary>
internal static class SoloEntries
{
    private static readonly ConditionalWeakTable<ActorDetails, ComparisonEntry[]> Built = new();
    private static readonly ConditionalWeakTable<ActorDetails, ComparisonEntry[]>.CreateValueCallback Build = actor =>
        actor.Credits.Select(c => new ComparisonEntry(c.Movie, [new ActorRole(actor.Ref, c.Character)], false)).ToArray();

    public static IReadOnlyList<ComparisonEntry> Of(ActorDetails actor) => Built.GetValue(actor, Build);
}
