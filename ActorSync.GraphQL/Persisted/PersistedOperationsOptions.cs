using System.ComponentModel.DataAnnotations;

namespace ActorSync.GraphQL.Persisted;

/// <summary>Persisted (trusted) operations (configuration section <c>PersistedOperations</c>).</summary>
public sealed class PersistedOperationsOptions
{
    /// <summary>Folder of <c>.graphql</c> files registered at start-up (relative to the content root); each is known by <c>sha256:&lt;hex of its text&gt;</c>.</summary>
    [Required]
    public string Folder { get; set; } = "trusted-documents";

    /// <summary>Refuse any operation that is not registered (an allow-list, for Production front ends).</summary>
    public bool OnlyPersisted { get; set; }

    /// <summary>Accept Apollo's Automatic Persisted Queries (clients register a hash with its query; stored in the cache, Redis when configured).</summary>
    public bool AutomaticPersistedQueries { get; set; } = true;

    /// <summary>How long an automatically persisted query is remembered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan AutomaticTtl { get; set; } = TimeSpan.FromDays(30);
}
