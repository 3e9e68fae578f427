using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Tests.Infrastructure;
using static ActorSync.GraphQL.Tests.Security.Hostile;
using Answer = ActorSync.GraphQL.Tests.Security.BadInputCorpusTests.Answer;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>
/// Requests an attacker would send, in the categories of graphql-cop and of HTTP abuse, each with the answer it must
/// get. <see cref="BadInputCorpusTests"/> holds the malformed input a careless client sends; this holds what is meant
/// to exhaust the server, so its cases are not repeated here.
/// </summary>
internal static class HostileCorpus
{
    private const string ActorsByIds = "query Actors($ids: [Int!]!) { actors(tmdbIds: $ids) { name } }";
    private const string Search = "query Search($q: String!) { searchActors(query: $q) { totalCount } }";
    private const string ActorById = "query Actor($id: Int!) { actor(tmdbId: $id) { name } }";
    private const string CostBomb = """{ searchActors(query: "a", first: 50) { nodes { knownFor(first: 50) { cast(first: 50) { actor { name } } } } } }""";
    private static readonly string Big = new('a', 60 * KiB);

    private static string Aliases(int count, string field) => string.Join(" ", Enumerable.Range(0, count).Select(i => $"a{i}: {field}"));

    public static IEnumerable<HostileRequest> All() =>
        Aliasing().Concat(Directives()).Concat(Duplication()).Concat(Fragments()).Concat(Depth()).Concat(Batches())
            .Concat(Variables()).Concat(InvalidUtf8()).Concat(Methods()).Concat(ContentTypes()).Concat(Sizes())
            .Concat(Chunked()).Concat(Stalls()).Concat(Connections());

    private static IEnumerable<HostileRequest> Aliasing()
    {
        const string g = "alias overloading";
        yield return Query(g, "101 aliases of a scalar", $"{{ actor(tmdbId: 287) {{ {Aliases(101, "name")} }} }}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "100 aliases of __typename are within the limit", $"{{ {Aliases(100, "__typename")} }}", Answered);
        yield return Query(g, "10,000 aliases (over the body limit)", $"{{ {Aliases(10_000, "__typename")} }}", Refused(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge));
        yield return Query(g, "60 aliases of a 50-result search with nested lists", $"{{ {Aliases(60, """searchActors(query: "a", first: 50) { nodes { knownFor(first: 10) { title } } }""")} }}",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "100 aliases of a 10-actor comparison", $"{{ {Aliases(100, "compareActors(tmdbIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) { actors { name } }")} }}",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "120 aliases spread over three fragments",
            "{ ...A ...B ...C } " + string.Concat("ABC".Select(f => $"fragment {f} on Query {{ {Aliases(40, "__typename").Replace("a", f.ToString().ToLowerInvariant() + "a")} }} ")),
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "101 aliases of __schema", $"{{ {Aliases(101, "__schema { queryType { name } }")} }}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "101 aliases of actorPath", $"{{ {Aliases(101, "actorPath(fromTmdbId: 287, toTmdbId: 819) { steps { actor { name } } }")} }}", NotRun(ErrorCodes.QueryTooComplex));
    }

    private static IEnumerable<HostileRequest> Directives()
    {
        const string g = "directive overloading";
        yield return Query(g, "1,000 @skip on one field", "{ __typename " + string.Concat(Enumerable.Repeat("@skip(if: false) ", 1000)) + "}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "10,000 @include (over the body limit)", "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", 10_000)) + "}",
            Refused(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge));
        yield return Query(g, "300 distinct unknown directives", "{ __typename " + string.Concat(Enumerable.Range(0, 300).Select(i => $"@d{i} ")) + "}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "1,000 @deprecated where it cannot go", "{ __typename " + string.Concat(Enumerable.Repeat("@deprecated ", 1000)) + "}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "500 @skip on a fragment spread", "{ ...F " + string.Concat(Enumerable.Repeat("@skip(if: false) ", 500)) + "} fragment F on Query { __typename }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "3 unknown directives are a validation error", "{ __typename @d1 @d2 @d3 }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "a directive with 1,000 arguments", "{ __typename @include(" + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"a{i}: true")) + ") }",
            NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "@include with a 5,000-element list", "{ __typename @include(if: [" + string.Join(",", Enumerable.Repeat("true", 5000)) + "]) }",
            NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "400 fields each under @include", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("name @include(if: true) ", 400)) + "} }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "30 fields each under @include are within the limits", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("name @include(if: true) ", 30)) + "} }",
            Answered, check: DataIs("actor", "Brad Pitt"));
    }

    private static IEnumerable<HostileRequest> Duplication()
    {
        const string g = "field duplication";
        yield return Query(g, "499 copies of one field", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("name ", 499)) + "} }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "33 copies of one field are within the limit", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("name ", 33)) + "} }", Answered,
            check: DataIs("actor", "Brad Pitt"));
        yield return Query(g, "501 copies of __typename", "{ " + string.Concat(Enumerable.Repeat("__typename ", 501)) + "}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "5,000 copies of __typename", "{ " + string.Concat(Enumerable.Repeat("__typename ", 5000)) + "}", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "200 copies of a costly search", "{ " + string.Concat(Enumerable.Repeat("""searchActors(query: "a", first: 50) { nodes { name } } """, 200)) + "}",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "one field twice with different arguments", "{ actor(tmdbId: 287) { name } actor(tmdbId: 819) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "200 copies with 200 different arguments", "{ " + string.Concat(Enumerable.Range(1, 200).Select(i => $"actor(tmdbId: {i}) {{ name }} ")) + "}",
            NotRun(ErrorCodes.QueryTooComplex));
    }

    private static IEnumerable<HostileRequest> Fragments()
    {
        const string g = "circular and fan-out fragments";
        yield return Query(g, "a cycle of three", Cycle(3), NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "a cycle of 50", Cycle(50), NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "a cycle through an inline fragment", "{ ...A } fragment A on Query { ... on Query { ...B } } fragment B on Query { ... on Query { ...A } }",
            NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "100 fragments spreading themselves", "{ " + string.Concat(Enumerable.Range(0, 100).Select(i => $"...S{i} ")) + "} "
            + string.Concat(Enumerable.Range(0, 100).Select(i => $"fragment S{i} on Query {{ __typename ...S{i} }} ")), NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "a cycle through aliased fields", "{ actor(tmdbId: 287) { ...F } } fragment F on Actor { x: knownFor { y: cast { z: actor { ...G } } } } fragment G on Actor { ...F }",
            NotRun(ErrorCodes.ValidationFailed));
        yield return Query(g, "a fan-out of 2^3 fields is within the limits", FanOut(3), Answered, check: DataIs("actor", "Brad Pitt"));
        yield return Query(g, "100 fragments all spreading one", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Range(0, 100).Select(i => $"...W{i} ")) + "} } "
            + string.Concat(Enumerable.Range(0, 100).Select(i => $"fragment W{i} on Actor {{ ...Leaf }} ")) + "fragment Leaf on Actor { name }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "15 fragments all spreading one are within the limits", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Range(0, 15).Select(i => $"...W{i} ")) + "} } "
            + string.Concat(Enumerable.Range(0, 15).Select(i => $"fragment W{i} on Actor {{ ...Leaf }} ")) + "fragment Leaf on Actor { name }", Answered, check: DataIs("actor", "Brad Pitt"));
    }

    private static IEnumerable<HostileRequest> Depth()
    {
        const string g = "deep nesting and deep introspection";
        yield return Query(g, "introspection 20 ofType deep", "{ __schema { types { fields { type { " + Nested("ofType", 20, "name") + " } } } } }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "introspection 60 ofType deep (past the parser's depth)", "{ __schema { types { fields { type { " + Nested("ofType", 60, "name") + " } } } } }", NotRun(ErrorCodes.ParseFailed));
        yield return Query(g, "introspection cycling through fields and types", "{ __schema { types { " + Nested("fields { type", 8, "name") + new string('}', 8) + " } } }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "introspection cycling through interfaces and possible types", "{ __schema { types { " + Nested("interfaces { possibleTypes", 8, "name") + new string('}', 8) + " } } }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "__type with 30 ofType", "{ __type(name: \"Actor\") { fields { type { " + Nested("ofType", 30, "name") + " } } } }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "13 levels of real fields", "{ actor(tmdbId: 287) { " + Nested("knownFor(first: 1) { cast(first: 1) { actor", 4, "name") + new string('}', 8) + " } }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "nesting through 20 chained fragments", "{ actor(tmdbId: 287) { ...N0 } } "
            + string.Concat(Enumerable.Range(0, 20).Select(i => $"fragment N{i} on Actor {{ knownFor(first: 1) {{ cast(first: 1) {{ actor {{ ...N{i + 1} }} }} }} }} ")) + "fragment N20 on Actor { name }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "100 nested inline fragments", "{ " + Nested("... on Query", 100, "__typename") + " }", NotRun(ErrorCodes.ParseFailed));
        yield return Query(g, "an object literal 100 deep in an argument", "{ actor(tmdbId: " + string.Concat(Enumerable.Repeat("{a: ", 100)) + "1" + new string('}', 100) + ") { name } }",
            NotRun(ErrorCodes.ParseFailed));
        yield return Query(g, "an IDE's introspection query (type references 6 deep) is answered", IntrospectionQuery, Answered,
            check: a => JsonNode.Parse(a.Body)?["data"]?["__schema"]?["types"] is JsonArray { Count: > 10 } ? null : "expected the schema's types");
    }

    private static IEnumerable<HostileRequest> Batches()
    {
        const string g = "batches";
        yield return Post(g, "10 cost bombs", BatchOf(10, CostBomb), Batch([.. Enumerable.Repeat(ErrorCodes.QueryTooComplex, 10)]));
        yield return Post(g, "10 alias bombs", BatchOf(10, $"{{ {Aliases(150, "__typename")} }}"), Batch([.. Enumerable.Repeat(ErrorCodes.QueryTooComplex, 10)]));
        yield return Post(g, "10 deep introspections", BatchOf(10, "{ __schema { types { fields { type { " + Nested("ofType", 20, "name") + " } } } } }"),
            Batch([.. Enumerable.Repeat(ErrorCodes.QueryTooComplex, 10)]));
        yield return Post(g, "10 fair but costly searches", BatchOf(10, """{ searchActors(query: "tom", first: 50) { nodes { name } } }"""), Batch([.. Enumerable.Repeat<string?>(null, 10)]));
        yield return Post(g, "5,000 empty objects", "[" + string.Join(",", Enumerable.Repeat("{}", 5000)) + "]", NotRun(ErrorCodes.BadRequest));
        yield return Post(g, "100,000 zeros (over the body limit)", "[" + string.Join(",", Enumerable.Repeat("0", 100_000)) + "]", Refused(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge));
        yield return Post(g, "10 unknown persisted ids", "[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"id": "sha256:{{new string((char)('a' + i), 64)}}"}""")) + "]",
            NotRun(PersistedOperations.NotFound));
        yield return Post(g, "an 11th operation of 50 KB", "[" + string.Join(",", Enumerable.Repeat(Body("{ __typename }"), 10)) + "," + Body("{ __typename }" + new string(' ', 50 * KiB)) + "]",
            NotRun(ErrorCodes.BadRequest));
    }

    private static IEnumerable<HostileRequest> Variables()
    {
        const string g = "huge and invalid variables";
        var tenThousand = "[" + string.Join(",", Enumerable.Range(1, 10_000)) + "]";
        yield return Query(g, "10,000 ids for actors", ActorsByIds, NotRun(ErrorCodes.BadUserInput), variables: $$"""{"ids": {{tenThousand}}}""");
        yield return Query(g, "10,000 numbers in an undeclared variable", "{ __typename }", Answered, variables: $$"""{"x": {{tenThousand}}}""");
        yield return Query(g, "10,000 strings for String!", Search, NotRun(ErrorCodes.BadUserInput), variables: $$"""{"q": [{{string.Join(",", Enumerable.Repeat("\"a\"", 10_000))}}]}""");
        yield return Query(g, "10,000 nulls for [Int!]!", ActorsByIds, NotRun(ErrorCodes.BadUserInput), variables: $$"""{"ids": [{{string.Join(",", Enumerable.Repeat("null", 10_000))}}]}""");
        yield return Query(g, "objects nested 1,000 deep", ActorById, NotRun(ErrorCodes.BadRequest), variables: """{"id": """ + string.Concat(Enumerable.Repeat("{\"a\": ", 1000)) + "1" + new string('}', 1001));
        yield return Query(g, "objects nested 30 deep for String!", Search, NotRun(ErrorCodes.BadUserInput), variables: """{"q": """ + string.Concat(Enumerable.Repeat("{\"a\": ", 30)) + "1" + new string('}', 31));
        yield return Query(g, "1e400 in an undeclared variable", "{ __typename }", Answered, variables: """{"x": 1e400}""");
        yield return Query(g, "1e-400 for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": 1e-400}""");
        yield return Query(g, "2^53+1 for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": 9007199254740993}""");
        yield return Query(g, "true for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": true}""");
        yield return Query(g, "an array for String!", Search, NotRun(ErrorCodes.BadUserInput), variables: """{"q": ["tom"]}""");
        yield return Query(g, "an object for String!", Search, NotRun(ErrorCodes.BadUserInput), variables: """{"q": {"text": "tom"}}""");
        yield return Query(g, "60 KB of search text", Search, NotRun(ErrorCodes.BadUserInput), variables: JsonSerializer.Serialize(new { q = Big }));
        yield return Query(g, "a 60 KB node id", "query($id: ID!) { node(id: $id) { id } }", Ran(ErrorCodes.BadUserInput), variables: JsonSerializer.Serialize(new { id = Big }));
        yield return Query(g, "a 60 KB enum value", "query($s: ProfileImageSize) { actor(tmdbId: 287) { profileUrl(size: $s) } }", NotRun(ErrorCodes.BadUserInput),
            variables: JsonSerializer.Serialize(new { s = Big }));
        yield return Query(g, "a 60 KB undeclared variable", "{ __typename }", Answered, variables: JsonSerializer.Serialize(new { x = Big }));
        yield return Query(g, "a 60 KB operation name", "query A { __typename }", NotRun(ErrorCodes.BadRequest), operationName: Big);
        yield return Query(g, "a 10,000-character variable name", "{ __typename }", Answered, variables: $$"""{"{{new string('v', 10_000)}}": 1}""");
        yield return Query(g, "4,000 undeclared variables", "{ __typename }", Answered, variables: "{" + string.Join(",", Enumerable.Range(0, 4000).Select(i => $"\"v{i}\": {i}")) + "}");
        yield return Post(g, "60 KB of extensions", JsonSerializer.Serialize(new { query = "{ __typename }", extensions = new { pad = Big } }), Answered);
    }

    private static IEnumerable<HostileRequest> InvalidUtf8()
    {
        const string g = "invalid UTF-8";
        var badJson = NotRun(ErrorCodes.BadRequest);
        yield return PostBytes(g, "0xC3 0x28 in the query", Bytes("""{"query": "{ __typename """, [0xC3, 0x28], """ }"}"""), badJson);
        yield return PostBytes(g, "a five-byte sequence", Bytes("""{"query": "{ __typename """, [0xF8, 0x88, 0x80, 0x80, 0x80], """ }"}"""), badJson);
        yield return PostBytes(g, "a code point past U+10FFFF", Bytes("""{"query": "{ __typename """, [0xF4, 0x90, 0x80, 0x80], """ }"}"""), badJson);
        yield return PostBytes(g, "an overlong NUL", Bytes("""{"query": "{ __typename """, [0xC0, 0x80], """ }"}"""), badJson);
        yield return PostBytes(g, "a byte order mark then 0xFF", Bytes("", [0xEF, 0xBB, 0xBF, 0xFF], """{"query": "{ __typename }"}"""), badJson);
        yield return PostBytes(g, "invalid bytes in the operation name", Bytes("""{"query": "query A { __typename }", "operationName": "A""", [0xFE], "\"}"), badJson);
        yield return PostBytes(g, "4 KB of random bytes", RandomBytes(4 * KiB), badJson);
        yield return PostBytes(g, "a UTF-32 body", new UTF32Encoding(false, false).GetBytes("""{"query": "{ __typename }"}"""), badJson);
        yield return PostBytes(g, "a UTF-16 body with its byte order mark", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("""{"query": "{ __typename }"}""")], badJson);
        yield return Raw(g, "raw 0xFF bytes in the request line", new RawHttp().Send(Bytes("GET /graphql?query=", [0xFF, 0xFE], " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")),
            Kestrel(HttpStatusCode.BadRequest));
    }

    private static IEnumerable<HostileRequest> Methods()
    {
        const string g = "wrong methods";
        var refused = Refused(HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        yield return Send(g, "PUT over a socket", HttpMethod.Put, () => Utf8(Body("{ __typename }")), refused);
        yield return Send(g, "DELETE with a body", HttpMethod.Delete, () => Utf8(Body("{ __typename }")), refused);
        yield return Send(g, "PATCH", HttpMethod.Patch, () => Utf8(Body("{ __typename }")), refused);
        yield return Send(g, "OPTIONS without CORS headers", HttpMethod.Options, () => null, refused);
        yield return Send(g, "TRACE", HttpMethod.Trace, () => null, refused);
        yield return Send(g, "a made-up method", new HttpMethod("BREW"), () => null, refused);
        yield return Raw(g, "lower-case post is taken as POST", new RawHttp().Send(RawHttp.Head("post", "/graphql", "Content-Type: application/json", "Content-Length: 2")).Send("{}"),
            NotRun(ErrorCodes.BadRequest));
        yield return Send(g, "HEAD", HttpMethod.Head, () => null, Kestrel(HttpStatusCode.MethodNotAllowed));
        yield return Send(g, "an OPTIONS preflight from an origin not allowed", HttpMethod.Options, () => null, Kestrel(HttpStatusCode.NoContent), check: null,
            ("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST"));
        yield return Raw(g, "CONNECT", new RawHttp().Send("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n"), Kestrel(HttpStatusCode.NotFound, or: HttpStatusCode.BadRequest));
    }

    private static IEnumerable<HostileRequest> ContentTypes()
    {
        const string g = "wrong content types";
        var refused = Refused(HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
        var body = Body("{ __typename }");
        foreach (var type in new[]
                 {
                     "text/plain", "text/plain; charset=latin1", "application/x-www-form-urlencoded", "application/xml", "application/octet-stream",
                     "application/json; charset=iso-8859-1", "application/json; charset=latin1", "application/graphql-response+json",
                     "application/json-patch+json", "application/json, text/plain",
                 })
            yield return Post(g, type, body, refused, contentType: type);
        yield return Send(g, "multipart/form-data with a JSON part", HttpMethod.Post,
            () => new MultipartFormDataContent { { new StringContent(body, System.Text.Encoding.UTF8, Json), "operations" } }, refused);
        yield return Post(g, "an 8 KB media type parameter", body, Answered, contentType: "application/json; x=" + new string('a', 8 * KiB));
    }

    private static IEnumerable<HostileRequest> Sizes()
    {
        const string g = "oversized bodies";
        var tooLarge = Refused(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
        yield return Raw(g, "Content-Length 99,999,999,999 with 10 bytes", RawHttp.Post(99_999_999_999).Send("{\"query\":1"), tooLarge);
        yield return Raw(g, "Content-Length one past 64 KiB", RawHttp.Post(64 * KiB + 1).Send(Padded(64 * KiB + 1)), tooLarge);
        yield return Post(g, "exactly 64 KiB", Padded(64 * KiB), Answered);
        yield return Post(g, "one byte past 64 KiB", Padded(64 * KiB + 1), tooLarge);
        yield return Raw(g, "a negative Content-Length", new RawHttp().Send(RawHttp.Head("POST", "/graphql", "Content-Type: application/json", "Content-Length: -1")),
            Kestrel(HttpStatusCode.BadRequest));
        yield return Raw(g, "two different Content-Lengths", new RawHttp().Send(RawHttp.Head("POST", "/graphql", "Content-Type: application/json", "Content-Length: 2", "Content-Length: 30")).Send("{}"),
            Kestrel(HttpStatusCode.BadRequest));
        yield return Raw(g, "Content-Length and chunked together", new RawHttp()
                .Send(RawHttp.Head("POST", "/graphql", "Content-Type: application/json", "Content-Length: 5", "Transfer-Encoding: chunked")).Send($"{Body("{ __typename }").Length:x}\r\n{Body("{ __typename }")}\r\n0\r\n\r\n"),
            Kestrel(HttpStatusCode.BadRequest, or: HttpStatusCode.OK));
    }

    private static IEnumerable<HostileRequest> Chunked()
    {
        const string g = "chunked bodies";
        var body = Body("{ actor(tmdbId: 287) { name } }");
        var badRequest = NotRun(ErrorCodes.BadRequest);
        yield return Raw(g, "one chunk", RawHttp.Post(null).Send($"{body.Length:x}\r\n{body}\r\n0\r\n\r\n"), Answered, DataIs("actor", "Brad Pitt"));
        yield return Raw(g, "one-byte chunks", RawHttp.Post(null).Send(string.Concat(body.Select(c => $"1\r\n{c}\r\n")) + "0\r\n\r\n"), Answered, DataIs("actor", "Brad Pitt"));
        yield return Raw(g, "chunk extensions", RawHttp.Post(null).Send($"{body.Length:x};name=value\r\n{body}\r\n0\r\n\r\n"), Answered, DataIs("actor", "Brad Pitt"));
        yield return Raw(g, "trailers", RawHttp.Post(null).Send($"{body.Length:x}\r\n{body}\r\n0\r\nX-Trailer: 1\r\n\r\n"), Answered, DataIs("actor", "Brad Pitt"));
        yield return Raw(g, "a chunk size that is not hex", RawHttp.Post(null).Send("zz\r\n{}\r\n0\r\n\r\n"), badRequest);
        yield return Raw(g, "a chunk size past 64 bits", RawHttp.Post(null).Send("fffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), badRequest);
        yield return Raw(g, "a chunk longer than its size", RawHttp.Post(null).Send($"2\r\n{body}\r\n0\r\n\r\n"), badRequest);
        yield return Raw(g, "100 KB in 4 KB chunks", RawHttp.Post(null).Send(string.Concat(Enumerable.Repeat($"1000\r\n{new string(' ', 4096)}\r\n", 25)) + "0\r\n\r\n"),
            Refused(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge));
        yield return Raw(g, "a final coding that is not chunked", new RawHttp().Send(RawHttp.Head("POST", "/graphql", "Content-Type: application/json", "Transfer-Encoding: identity")).Send(body),
            Kestrel(HttpStatusCode.BadRequest, or: HttpStatusCode.NotImplemented));
        yield return Raw(g, "a chunk that stalls midway", RawHttp.Post(null).Send($"{body.Length:x}\r\n{body[..10]}").Pause(TimeSpan.FromSeconds(8)),
            Refused(HttpStatusCode.RequestTimeout, ErrorCodes.RequestTimeout));
        yield return Raw(g, "no last chunk before the client closes", RawHttp.Post(null).Send($"{body.Length:x}\r\n{body}\r\n").CloseSending(), ClientGone);
    }

    private static IEnumerable<HostileRequest> Stalls()
    {
        const string g = "truncated, stalled and slow";
        var timeout = Refused(HttpStatusCode.RequestTimeout, ErrorCodes.RequestTimeout);
        var wait = TimeSpan.FromSeconds(8);
        yield return Raw(g, "20 of 1,000 bytes, then nothing", RawHttp.Post(1000).Send("{\"query\": \"{ __typen").Pause(wait), timeout);
        yield return Raw(g, "no body at all, then nothing", RawHttp.Post(100).Pause(wait), timeout);
        yield return Raw(g, "a body that trickles a byte every 100 ms", RawHttp.Post(1000).Trickle(new string(' ', 60), TimeSpan.FromMilliseconds(100)), timeout);
        yield return Raw(g, "the whole JSON but one byte short of Content-Length", RawHttp.Post(Body("{ __typename }").Length + 1).Send(Body("{ __typename }")).Pause(wait), timeout);
        yield return Raw(g, "20 of 1,000 bytes, then the client closes", RawHttp.Post(1000).Send("{\"query\": \"{ __typen").CloseSending(), ClientGone);
        // Kestrel's RequestHeadersTimeout (1 s in the test host) ends these with its own 408.
        yield return Raw(g, "headers sent a byte every 150 ms", new RawHttp().Send("POST /graphql HTTP/1.1\r\n").Trickle("Host: 127.0.0.1\r\nX-Slow: " + new string('a', 60), TimeSpan.FromMilliseconds(150)),
            Kestrel(HttpStatusCode.RequestTimeout));
        yield return Raw(g, "half a request line, then nothing", new RawHttp().Send("POST /gra").Pause(wait), Kestrel(HttpStatusCode.RequestTimeout));
        yield return Raw(g, "headers without their blank line, then nothing", new RawHttp().Send("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n").Pause(wait),
            Kestrel(HttpStatusCode.RequestTimeout));
    }

    private static IEnumerable<HostileRequest> Connections()
    {
        const string g = "idle connections";
        yield return IdleConnections(g, "200 silent connections, then a normal query", 200);
        yield return IdleConnections(g, "200 connections with half a request line, then a normal query", 200, partial: "POST /graphql HT");
    }

    /// <summary>
    /// Cases fixed on other branches of issue 13 at the same time (fragment fan-out, duplicate fragment names,
    /// <c>first: null</c>, error order), with the answer they get once those land.
    /// </summary>
    public static IEnumerable<HostileRequest> FixedElsewhere()
    {
        const string g = "fixed on other branches";
        // Two sizes only: before the fix each costs seconds of CPU (2^10 passes the field limit counted before expansion).
        yield return Query(g, "a fan-out of 2^10 fields", FanOut(10), NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "a fan-out of 2^20 fields", FanOut(20), NotRun(ErrorCodes.QueryTooComplex));
        yield return Query(g, "duplicate fragment names", "{ ...A } fragment A on Query { __typename } fragment A on Query { __typename }", NotRun(ErrorCodes.ValidationFailed));
        yield return Post(g, "duplicate fragment names in a batch", $"[{Body("{ __typename }")}, {Body("{ ...A } fragment A on Query { __typename } fragment A on Query { __typename }")}]",
            Batch(null, ErrorCodes.ValidationFailed));
        const string collaborators = "query C($f: Int) { actor(tmdbId: 287) { collaborators(first: $f) { count } } }";
        yield return Query(g, "first: null in a variable", collaborators, Answered, variables: """{"f": null}""");
        yield return Query(g, "first: null in a variable, again (the direct path)", collaborators, Answered, variables: """{"f": null}""");
        yield return Query(g, "first: null as a literal", "{ actor(tmdbId: 287) { collaborators(first: null) { count } } }", Answered);
        yield return Query(g, "errors of several root fields come in path order",
            // Resolver errors (ids that are not global ids): out-of-range TMDB ids are refused while validating now, with no path.
            """{ a: node(id: "x") { id } b: node(id: "y") { id } c: node(id: "z") { id } }""", Ran(ErrorCodes.BadUserInput), check: ErrorsInPathOrder);
    }

    private static string? ErrorsInPathOrder(Answer answer)
    {
        var paths = (JsonNode.Parse(answer.Body)?["errors"] as JsonArray ?? []).Select(e => string.Join("/", (e?["path"] as JsonArray ?? []).Select(p => p!.ToString()))).ToArray();
        return paths.SequenceEqual(paths.Order(StringComparer.Ordinal)) && paths.Length == 3 ? null : $"expected three errors in path order; got {string.Join(", ", paths)}";
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(13).NextBytes(bytes);
        bytes[0] = 0xFF; // never valid UTF-8, whatever follows
        return bytes;
    }

    /// <summary>
    /// GraphiQL's introspection query, its type references 6 levels deep: with 7 (as GraphiQL sends) an argument's type
    /// nests 13 levels, past the depth limit of 12.
    /// </summary>
    private const string IntrospectionQuery = """
        query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
          types { ...FullType } directives { name description locations args { ...InputValue } } } }
        fragment FullType on __Type { kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef } }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        """;
}
