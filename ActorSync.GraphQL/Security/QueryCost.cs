namespace ActorSync.GraphQL.Security;

/// <summary>What the cost analysis measured for one operation, and the limits it was held to.</summary>
public sealed record QueryCost(double Cost, double MaxCost, int Depth, int MaxDepth)
{
    /// <summary>Where the endpoint and the analysis share it: <c>ExecutionOptions.UserContext</c> and <c>HttpContext.Items</c>.</summary>
    public const string Key = "actorsync:cost";

    /// <summary>UserContext flag: measure the cost, then stop before executing (<c>GraphQL-Cost: validate</c>).</summary>
    public const string ValidateOnlyKey = "actorsync:costValidateOnly";

    /// <summary>UserContext flag: the cost under <see cref="Key"/> was measured by an earlier run of this operation with these variables.</summary>
    public const string KnownKey = "actorsync:costKnown";

    /// <summary>
    /// The TMDB calls an operation of this cost may make: every TMDB-backed field is priced at
    /// <see cref="QueryLimitsOptions.TmdbFieldCost"/>, once per item of the lists around it, so the cost divided by that
    /// price covers every call the operation can need at the sizes the model assumes.
    /// </summary>
    public long TmdbCalls(QueryLimitsOptions limits) =>
        limits.TmdbFieldCost > 0 ? (long)Math.Ceiling(Cost / limits.TmdbFieldCost) : long.MaxValue;

    public IReadOnlyDictionary<string, object> ToExtensions() => new Dictionary<string, object>
    {
        ["cost"] = Math.Round(Cost, 2),
        ["maxCost"] = MaxCost,
        ["depth"] = Depth,
        ["maxDepth"] = MaxDepth,
    };
}
