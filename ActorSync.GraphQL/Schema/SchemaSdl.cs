using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace ActorSync.GraphQL.Schema;

/// <summary>The served schema as SDL, in one stable form (what schema.graphql holds).</summary>
public static class SchemaSdl
{
    public static string Print(ISchema schema)
    {
        schema.Initialize();
        var sdl = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal });
        return sdl.ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
