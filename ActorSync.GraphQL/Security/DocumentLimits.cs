using ActorSync.GraphQL.Errors;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// Cheap limits checked before validation: document length, then what the document would make the server walk once
/// its fragment spreads and inline fragments are expanded (fields, aliases, depth, directives). GraphQL.NET's
/// validation and cost analysis walk that expansion, so a fragment spread twice in each of 30 levels is 2^30 fields
/// to them; here each fragment is measured once, and the walk stops at the first limit passed.
/// </summary>
public static class DocumentLimits
{
    public static ActorSyncError? CheckLength(string query, QueryLimitsOptions limits) =>
        query.Length > limits.MaxDocumentLength
            ? TooComplex($"The document is {query.Length} characters long; the limit is {limits.MaxDocumentLength}.", "length", query.Length, limits.MaxDocumentLength)
            : null;

    /// <summary>
    /// Null when every operation of the document, expanded, is within the limits (their sum, as validation walks them
    /// all); else a QUERY_TOO_COMPLEX error with the measure passed and its limit. Linear in the document's size.
    /// </summary>
    public static ActorSyncError? Check(GraphQLDocument document, QueryLimitsOptions limits, CancellationToken cancellationToken = default)
    {
        try
        {
            ExpandedSize.Measure(document, limits, cancellationToken);
            return null;
        }
        catch (ExpandedSize.LimitPassed passed)
        {
            return passed.Measure switch
            {
                "aliases" => TooComplex($"The operation uses more than {limits.MaxAliases} aliases once its fragments are expanded.", "aliases", passed.Value, limits.MaxAliases),
                "depth" => TooComplex($"The operation nests {passed.Value} levels deep; the limit is {limits.MaxDepth}.", "depth", passed.Value, limits.MaxDepth),
                "fragmentSpreads" => TooComplex($"The operation spreads fragments more than {limits.MaxFragmentSpreads} times once they are expanded.", "fragmentSpreads", passed.Value, limits.MaxFragmentSpreads),
                "repeatedFields" => TooComplex($"More than {limits.MaxRepeatedFields} fields repeat a name already selected at their level (fragments merged); select each field once, or give the copies distinct aliases.", "repeatedFields", passed.Value, limits.MaxRepeatedFields),
                "directives" => TooComplex($"The operation uses more than {limits.MaxDirectives} directives once its fragments are expanded.", "directives", passed.Value, limits.MaxDirectives),
                _ => TooComplex($"The operation selects more than {limits.MaxFields} fields once its fragments are expanded.", "fields", passed.Value, limits.MaxFields),
            };
        }
    }

    private static ActorSyncError TooComplex(string message, string measure, long value, int limit) =>
        new(ErrorCodes.QueryTooComplex, message, new Dictionary<string, object?> { [measure] = value, ["limit"] = limit });
}
