using ActorSync.Tmdb.Offline;

// Reads the JSON snapshot as the API reads it (no crew, no credit ids) and writes its compact form next to it.
var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "../../../../../ActorSync.Tmdb/Offline/Data/snapshot-api.bin"));
var snapshot = OfflineSnapshot.LoadEmbedded(OfflineContent.ReadByTheApi);
using (var file = File.Create(output))
    CompactSnapshot.Write(snapshot, file);
Console.WriteLine($"wrote {output} ({new FileInfo(output).Length:N0} bytes)");
