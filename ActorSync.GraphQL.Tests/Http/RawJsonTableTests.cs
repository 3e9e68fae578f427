using System.Text.Json;
using ActorSync.GraphQL.Http;
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
        var table = new RawJsonTable<string>();
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
        var table = new RawJsonTable<string>();
        var escaped = table.Get(Element("\"{ actor(tmdbId: 287) {\\n name \\u0041 } }\""), Read);
        var plain = table.Get(Element("\"{ actor(tmdbId: 287) {\\n name A } }\""), Read);

        Assert.Equal("{ actor(tmdbId: 287) {\n name A } }", escaped);
        Assert.Equal(escaped, plain);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void A_full_table_starts_over_instead_of_growing()
    {
        var table = new RawJsonTable<string>(capacity: 3);
        for (var i = 0; i < 10; i++)
            Assert.Equal($"{{ q{i} }}", table.Get(Element($"\"{{ q{i} }}\""), Read));

        Assert.InRange(table.Count, 1, 3);
    }

    [Fact]
    public void Variables_read_once_keep_their_json_and_key_each_operation_name_apart()
    {
        var serializer = new GraphQLSerializer();
        var table = new RawJsonTable<ReadVariables>();
        var body = Element("""{"ids": [287, 819]}""");
        var read = table.Get(body, v => new ReadVariables(serializer.ReadNode<Inputs>(v)!, serializer));

        Assert.Same(read, table.Get(Element("""{"ids": [287, 819]}"""), _ => throw new InvalidOperationException("read again")));
        Assert.Equal("""{"ids":[287,819]}""", read.Json);
        Assert.Equal("Compare\n{\"ids\":[287,819]}", read.OperationKey("Compare"));
        Assert.Equal("\n{\"ids\":[287,819]}", read.OperationKey(null));
        Assert.Equal("Compare\n{\"ids\":[287,819]}", read.OperationKey("Compare"));
    }

    [Fact]
    public void Variables_that_cannot_be_written_back_have_no_key()
    {
        var serializer = new GraphQLSerializer();
        var read = new ReadVariables(serializer.ReadNode<Inputs>(Element("""{"x": 1e400}"""))!, serializer);

        Assert.Null(read.Json);
        Assert.Null(read.OperationKey("Q"));
    }
}
