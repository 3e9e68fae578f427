using System.ComponentModel.DataAnnotations;

namespace ActorSync.GraphQL.Http;

/// <summary>GraphQL-over-HTTP endpoint settings (configuration section <c>GraphQLHttp</c>).</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Request bodies larger than this are refused with 413 (DESIGN.md §5: 64 KiB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How many operations one batched POST (a JSON array) may carry.</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>
    /// How long a POST body may take to arrive whole; past it the request is refused with 408 <c>REQUEST_TIMEOUT</c>.
    /// Kestrel's minimum data rate (240 bytes/s after 5 s) ends a body that stops; this bounds one that trickles.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether queries of a document that passed validation before are answered by the direct path
    /// (<c>Execution/DirectExecution.cs</c>: one plan per operation, its arguments bound per request) when everything
    /// they read is at hand; off, GraphQL.NET executes every request.
    /// </summary>
    public bool DirectExecution { get; set; } = true;

    /// <summary>
    /// The one byte budget of everything remembered about what clients send (<see cref="RequestCacheBudget"/>): parsed
    /// documents with their operations' records (plan, max-age) and per-variables records (cost, result-cache key, bindings), query texts and variables
    /// read from bodies, and automatic persisted queries held in memory. The least recently used go first. The sizes
    /// counted are estimates that err on the large side (a parsed document is counted at about 22 bytes per character).
    /// 0 remembers nothing (every request is parsed, validated and read anew). 8 MB holds hundreds of documents and
    /// thousands of variable sets; at 24 MB a mixed load of random variables (bench figure 5) kept enough of them to
    /// peak at 267 MB RSS against 243 MB at 8 MB.
    /// </summary>
    [Range(0, 4096)]
    public int RequestCacheBudgetMb { get; set; } = 8;

    /// <summary>
    /// Variables whose JSON is longer than this (in bytes of the body, or characters written back) are read, validated
    /// and planned on every request and never remembered: a per-variables record only pays off for the small variable
    /// sets clients repeat, and large distinct ones would push everything else out of the budget.
    /// </summary>
    [Range(0, 1024 * 1024)]
    public int MaxRememberedVariablesBytes { get; set; } = 2048;
}
