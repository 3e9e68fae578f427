using ActorSync.GraphQL.Errors;
using GraphQL.Validation;

namespace ActorSync.GraphQL.Kernel;

/// <summary>
/// Checks the arguments <see cref="ArgumentRules"/> bounds (<c>first</c>, TMDB ids, id lists, <c>maxDepth</c>, search
/// text) while validating, on the values the validator has just coerced, literals and variables alike: an out-of-range
/// argument is a BAD_USER_INPUT request error, reported before the cost analysis runs (it must come before that rule
/// in the list; the analysis skips a document that already has errors), so <c>first: 1000000</c> is a bad argument,
/// not a too complex query. It reads only the fields that have arguments (the validator's table of them).
/// </summary>
public sealed class ArgumentRangeRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.ArgumentValues is not { Count: > 0 } fields || context.HasErrors)
            return default;
        foreach (var (field, arguments) in fields)
        {
            var fieldName = field.Name.StringValue;
            foreach (var (name, value) in arguments)
            {
                if (ArgumentRules.For(fieldName, name) is { } check && check(value.Value, name) is { } message)
                {
                    var node = (GraphQLParser.AST.ASTNode?)field.Arguments?.Items.Find(a => a.Name.Value == name) ?? field;
                    context.ReportError(new ActorSyncValidationError(ErrorCodes.BadUserInput, message,
                        new Dictionary<string, object?> { ["argument"] = name }, context.Document.Source, node));
                }
            }
        }
        return default;
    }
}
