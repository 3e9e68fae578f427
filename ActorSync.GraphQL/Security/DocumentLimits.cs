using ActorSync.GraphQL.Errors;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// Cheap limits checked before validation: document length, field selections and aliases, so that a
/// 10,000-field query or an alias bomb costs one linear pass to refuse.
/// </summary>
public static class DocumentLimits
{
    public static ActorSyncError? CheckLength(string query, QueryLimitsOptions limits) =>
        query.Length > limits.MaxDocumentLength
            ? TooComplex($"The document is {query.Length} characters long; the limit is {limits.MaxDocumentLength}.", "length", query.Length, limits.MaxDocumentLength)
            : null;

    public static ActorSyncError? Check(GraphQLDocument document, QueryLimitsOptions limits)
    {
        var fields = 0;
        var aliases = 0;
        var pending = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
                pending.Push(operation.SelectionSet);
            else if (definition is GraphQLFragmentDefinition fragment)
                pending.Push(fragment.SelectionSet);
        }
        while (pending.Count > 0)
        {
            foreach (var selection in pending.Pop().Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        fields++;
                        if (field.Alias is not null)
                            aliases++;
                        if (field.SelectionSet is not null)
                            pending.Push(field.SelectionSet);
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                }
            }
            if (fields > limits.MaxFields)
                return TooComplex($"The document selects more than {limits.MaxFields} fields.", "fields", fields, limits.MaxFields);
            if (aliases > limits.MaxAliases)
                return TooComplex($"The document uses more than {limits.MaxAliases} aliases.", "aliases", aliases, limits.MaxAliases);
        }
        return null;
    }

    private static ActorSyncError TooComplex(string message, string measure, int value, int limit) =>
        new(ErrorCodes.QueryTooComplex, message, new Dictionary<string, object?> { [measure] = value, ["limit"] = limit });
}
