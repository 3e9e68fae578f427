using System.Text.Json;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Pipeline;
using GraphQL;
using GraphQL.SystemTextJson;

namespace ActorSync.GraphQL.Tests.Http;

public sealed class RawJsonTableTests
{
    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Read(JsonElement value) => value.GetString()!;

    [Fact]
    public void The_same_json_text_is_read_once_and_gives_the_same_instance()
    {
        var table = new RawJsonTable<string>(new RequestCacheBudget(1 << 20), RequestCacheBudget.StringBytes);
        var reads = 0;
        var first = table.Get(Element("\"{ actor(tmdbId: 287) { name } }\""), v => { reads++; return Read(v); });
        var second = table.Get(Element("\"{ actor(tmdbId: 287) { name } }\""), v => { reads++; return Read(v); });

        Assert.Equal("{ actor(tmdbId: 287) { name } }", first);
        Assert.Same(first, second);
        Assert.Equal(1, reads);
    }

    [Fact]
    public void Escapes_are_read_and_differently_written_texts_are_kept_apart()
    {
        var table = new RawJsonTable<string>(new RequestCacheBudget(1 << 20), RequestCacheBudget.StringBytes);
        var escaped = table.Get(Element("\"{ actor(tmdbId: 287) {\\n name \\u0041 } }\""), Read);
        var plain = table.Get(Element("\"{ actor(tmdbId: 287) {\\n name A } }\""), Read);

        Assert.Equal("{ actor(tmdbId: 287) {\n name A } }", escaped);
        Assert.Equal(escaped, plain);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void A_table_is_bounded_by_the_bytes_of_its_budget()
    {
        var budget = new RequestCacheBudget(4_000);
        var table = new RawJsonTable<string>(budget, RequestCacheBudget.StringBytes);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"{{ q{i} {new string('x', 200)} }}", table.Get(Element($"\"{{ q{i} {new string('x', 200)} }}\""), Read));
            Assert.InRange(budget.UsedBytes, 0, budget.LimitBytes);
        }

        // Each value is counted at about 850 bytes (text, string, entry).
        Assert.InRange(table.Count, 1, 5);
    }

    [Fact]
    public void Texts_longer_than_the_limit_are_read_every_time_and_not_kept()
    {
        var budget = new RequestCacheBudget(1 << 20);
        var table = new RawJsonTable<string>(budget, RequestCacheBudget.StringBytes, maxRawBytes: 50);
        var reads = 0;
        var json = $"\"{new string('v', 100)}\"";
        for (var i = 0; i < 3; i++)
            Assert.Equal(new string('v', 100), table.Get(Element(json), v => { reads++; return Read(v); }));

        Assert.Equal(3, reads);
        Assert.Equal(0, table.Count);
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void Variables_read_once_keep_their_json()
    {
        var serializer = new GraphQLSerializer();
        var table = new RawJsonTable<ReadVariables>(new RequestCacheBudget(1 << 20), _ => 100);
        var body = Element("""{"ids": [287, 819]}""");
        var read = table.Get(body, v => new ReadVariables(serializer.ReadNode<Inputs>(v)!, serializer));

        Assert.Same(read, table.Get(Element("""{"ids": [287, 819]}"""), _ => throw new InvalidOperationException("read again")));
        Assert.Equal("""{"ids":[287,819]}""", read.Json);
    }

    [Fact]
    public void Variables_that_cannot_be_written_back_have_no_key()
    {
        var serializer = new GraphQLSerializer();
        var read = new ReadVariables(serializer.ReadNode<Inputs>(Element("""{"x": 1e400}"""))!, serializer);

        Assert.Null(read.Json);
    }
}
