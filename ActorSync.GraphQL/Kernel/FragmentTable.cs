using GraphQLParser.AST;

namespace ActorSync.GraphQL.Kernel;

/// <summary>
/// The fragments of a document by name, for walks that run before validation (rate-limit classification, the result
/// cache's freshness): a name defined twice keeps its first definition instead of throwing, and validation then refuses
/// the document with GRAPHQL_VALIDATION_FAILED.
/// </summary>
public static class FragmentTable
{
    public static Dictionary<string, GraphQLFragmentDefinition> Of(GraphQLDocument document)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
        return fragments;
    }
}
