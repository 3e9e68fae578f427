namespace ActorSync.GraphQL.Models;

/// <summary>How several roles of one actor in one movie become one credit.</summary>
public static class Roles
{
    public const string Separator = " / ";

    public static string? Clean(string? character) => string.IsNullOrWhiteSpace(character) ? null : character.Trim();

    /// <summary>Appends a character in billing order, skipping empty and repeated names.</summary>
    public static string? Join(string? characters, string? next)
    {
        var clean = Clean(next);
        if (clean is null)
            return characters;
        if (characters is null)
            return clean;
        return characters.Split(Separator).Contains(clean, StringComparer.Ordinal) ? characters : characters + Separator + clean;
    }
}
