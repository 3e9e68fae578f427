using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ActorSync.GraphQL.Search;

/// <summary>A page of search results as a Relay cursor connection.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount)
{
    public IReadOnlyList<T> Nodes => Edges.Select(e => e.Node).ToArray();
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>Opaque cursors over a ranked result list: base64url of "cursor:&lt;position&gt;".</summary>
public static class Cursor
{
    private const string Prefix = "cursor:";

    public static string Encode(int position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out int position)
    {
        position = -1;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64)
            return false;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && text.Length > Prefix.Length && text.AsSpan(Prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
