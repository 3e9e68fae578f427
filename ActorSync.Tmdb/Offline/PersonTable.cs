namespace ActorSync.Tmdb.Offline;

/// <summary>
/// The snapshot's people as rows sorted by id: either all built (read from JSON), or decoded from the compact snapshot
/// when asked for, so a woken instance keeps 104,842 names out of its heap until a search needs them all.
/// </summary>
internal sealed class PersonTable
{
    private readonly OfflineSnapshot.PersonRow[]? _rows;
    private readonly Func<int, OfflineSnapshot.PersonRow>? _decode;

    /// <summary>Ids of the rows, ascending: a binary search finds a person's row.</summary>
    public int[] Ids { get; }

    public int Count => Ids.Length;

    public PersonTable(OfflineSnapshot.PersonRow[] rows)
    {
        _rows = rows;
        Ids = Array.ConvertAll(rows, r => r.Id);
    }

    public PersonTable(int[] ids, Func<int, OfflineSnapshot.PersonRow> decode)
    {
        Ids = ids;
        _decode = decode;
    }

    public OfflineSnapshot.PersonRow this[int row] => _rows is not null ? _rows[row] : _decode!(row);

    /// <summary>Every row, in id order (decoded once each).</summary>
    public OfflineSnapshot.PersonRow[] All() => _rows ?? Enumerable.Range(0, Ids.Length).Select(_decode!).ToArray();
}
