using System.Text.Json;
using ActorSync.GraphQL.Http;

namespace ActorSync.GraphQL.Tests.Http;

public sealed class QueryTextsTests
{
    private static JsonElement StringElement(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void The_same_json_text_gives_the_same_string_instance()
    {
        var texts = new QueryTexts();
        var first = texts.Get(StringElement("\"{ actor(tmdbId: 287) { name } }\""));
        var second = texts.Get(StringElement("\"{ actor(tmdbId: 287) { name } }\""));

        Assert.Equal("{ actor(tmdbId: 287) { name } }", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Escapes_are_read_and_differently_escaped_texts_are_kept_apart()
    {
        var texts = new QueryTexts();
        var escaped = texts.Get(StringElement("\"{ actor(tmdbId: 287) {\\n name \\u0041 } }\""));
        var plain = texts.Get(StringElement("\"{ actor(tmdbId: 287) {\\n name A } }\""));

        Assert.Equal("{ actor(tmdbId: 287) {\n name A } }", escaped);
        Assert.Equal(escaped, plain);
        Assert.Equal(2, texts.Count);
    }

    [Fact]
    public void A_full_table_starts_over_instead_of_growing()
    {
        var texts = new QueryTexts(capacity: 3);
        for (var i = 0; i < 10; i++)
            Assert.Equal($"{{ q{i} }}", texts.Get(StringElement($"\"{{ q{i} }}\"")));

        Assert.InRange(texts.Count, 1, 3);
    }
}
