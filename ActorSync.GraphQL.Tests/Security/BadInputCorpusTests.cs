using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>
/// A corpus of hostile and malformed requests. Each one is refused with the 4xx it states or answered with a
/// GraphQL error carrying the <c>extensions.code</c> it states (one of <see cref="ErrorCodes"/>): never a 500,
/// never a stack trace or an exception type in the body, always within <see cref="TimeLimit"/>, and nothing
/// logged as an error. Afterwards the server still answers health checks and normal queries.
/// </summary>
/// <remarks>
/// Most requests go through the in-memory pipeline (<see cref="ApiFactory"/>); those whose behaviour belongs to
/// Kestrel itself (the request-line limit, a real chunked upload) go over a loopback socket (<see cref="KestrelApiFactory"/>).
/// Requests accept <c>application/graphql-response+json</c> unless stated, so a request that fails before
/// execution is a 400 and one that ran (a resolver refused an argument) is a 200 with errors.
/// </remarks>
public sealed partial class BadInputCorpusTests(ApiFactory memory, KestrelApiFactory kestrel)
    : IClassFixture<ApiFactory>, IClassFixture<KestrelApiFactory>
{
    /// <summary>
    /// The longest any bad request may take to be answered: a guard against a request that hangs or burns CPU for long,
    /// not a speed target (answers take milliseconds; 5 s was missed on a machine at load average 30).
    /// </summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    private const string Grj = "application/graphql-response+json";
    private const string Json = "application/json";
    private const int KiB = 1024;
    private const int MiB = 1024 * 1024;

    /// <summary>The stable codes: <see cref="ErrorCodes"/> and the persisted-operation ones.</summary>
    private static readonly HashSet<string> KnownCodes = new[] { typeof(ErrorCodes), typeof(ActorSync.GraphQL.Persisted.PersistedOperations) }
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    public enum Server
    {
        /// <summary>The in-memory TestServer.</summary>
        Memory,

        /// <summary>Kestrel on a loopback socket.</summary>
        Kestrel,
    }

    /// <summary>
    /// What a bad request must get: an exact HTTP status (or <paramref name="OrStatus"/>), and, when the body is GraphQL
    /// JSON, the <c>extensions.code</c> of its first error; <paramref name="Batch"/> gives the code of each answer of
    /// a batch (null: that operation answered with data and no errors). A null <paramref name="Code"/> means the web
    /// server refuses the request before the app sees it, with no GraphQL body.
    /// </summary>
    public sealed record Expected(HttpStatusCode Status, string? Code, HttpStatusCode? OrStatus = null, IReadOnlyList<string?>? Batch = null)
    {
        public override string ToString() =>
            $"{(int)Status}{(OrStatus is { } or ? $" or {(int)or}" : "")}{(Code is null ? "" : $" {Code}")}{(Batch is null ? "" : $" [{string.Join(", ", Batch.Select(c => c ?? "data"))}]")}";
    }

    /// <summary>One entry of the corpus; it shows as its name in test results.</summary>
    public sealed record BadInput(string Name, Server Server, Func<HttpRequestMessage> Build, Expected Expected)
    {
        public override string ToString() => $"{Name} -> {Expected}";
    }

    /// <summary>What a request got; the hostile corpus (<see cref="HostileCorpusTests"/>) checks its answers the same way.</summary>
    public sealed record Answer(HttpStatusCode Status, string? MediaType, string Body, TimeSpan Elapsed);

    // --- the corpus ---------------------------------------------------------------------------------------

    /// <summary>Refused before execution: 400 under application/graphql-response+json.</summary>
    private static Expected NotRun(string code) => new(HttpStatusCode.BadRequest, code);

    /// <summary>Executed, and a resolver refused an argument: 200 with an error.</summary>
    private static Expected Ran(string code) => new(HttpStatusCode.OK, code);

    /// <summary>Refused before execution under the legacy application/json: 200 with an error (GraphQL-over-HTTP).</summary>
    private static Expected Legacy(string code) => new(HttpStatusCode.OK, code);

    private static Expected Http(HttpStatusCode status, string code) => new(status, code);

    private static readonly Expected BadJson = Http(HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    private static readonly Expected NotJson = Http(HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    private static readonly Expected TooLarge = Http(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);

    private const string ActorById = "query Actor($id: Int!) { actor(tmdbId: $id) { name } }";
    private const string ActorsByIds = "query Actors($ids: [Int!]!) { actors(tmdbIds: $ids) { name } }";
    private const string Search = "query Search($q: String!) { searchActors(query: $q) { totalCount } }";

    public static IEnumerable<BadInput> Corpus()
    {
        // Broken JSON.
        yield return PostText("json: an unclosed object", """{"query": "{ __typename }" """, BadJson);
        yield return PostText("json: single-quoted strings", "{'query': '{ __typename }'}", BadJson);
        yield return PostText("json: a trailing comma", """{"query": "{ __typename }",}""", BadJson);
        yield return PostText("json: text after the value", """{"query": "{ __typename }"} {"query": "{ __typename }"}""", BadJson);
        yield return PostText("json: an empty body", "", BadJson);
        yield return PostText("json: whitespace only", " \r\n\t ", BadJson);
        yield return PostText("json: NaN as a value", """{"query": "{ __typename }", "variables": {"a": NaN}}""", BadJson);
        yield return PostText("json: a bad escape in a string", """{"query": "{ __typename \q }"}""", BadJson);
        yield return PostText("json: an invalid unicode escape in a string", """{"query": "\uZZZZ"}""", BadJson);
        yield return PostText("json: a raw control character in a string", "{\"query\": \"{ __typename \u0001}\"}", BadJson);
        yield return PostText("json: a null byte after the value", "{\"query\": \"{ __typename }\"}\0", BadJson);
        yield return PostText("json: nested 1,000 arrays deep", """{"query": "{ __typename }", "variables": {"a": """ + new string('[', 1000) + new string(']', 1000) + "}}", BadJson);

        // JSON of the wrong shape.
        yield return PostText("shape: an array of numbers", "[1, 2, 3]", BadJson);
        yield return PostText("shape: a string", "\"{ __typename }\"", BadJson);
        yield return PostText("shape: null", "null", BadJson);
        yield return PostText("shape: a number", "42", BadJson);
        yield return PostText("shape: nested arrays", """[[{"query": "{ __typename }"}]]""", BadJson);
        yield return PostText("shape: an empty object", "{}", BadJson);
        yield return PostText("shape: query is a number", """{"query": 42}""", BadJson);
        yield return PostText("shape: query is an object", """{"query": {"text": "{ __typename }"}}""", BadJson);
        yield return PostText("shape: query is an empty string", """{"query": ""}""", BadJson);
        yield return PostText("shape: variables is an array", """{"query": "{ __typename }", "variables": [1]}""", BadJson);
        yield return PostText("shape: variables is a string", """{"query": "{ __typename }", "variables": "{}"}""", BadJson);
        yield return PostText("shape: extensions is a number", """{"query": "{ __typename }", "extensions": 1}""", BadJson);
        yield return PostText("shape: operationName is a number", """{"query": "{ __typename }", "operationName": 5}""", BadJson);

        // Content types.
        yield return PostText("content type: text/plain", """{"query": "{ __typename }"}""", NotJson, contentType: "text/plain");
        yield return PostText("content type: form-urlencoded", "query=%7B+__typename+%7D", NotJson, contentType: "application/x-www-form-urlencoded");
        yield return new BadInput("content type: multipart/form-data", Server.Memory, () =>
        {
            var form = new MultipartFormDataContent { { new StringContent("{ __typename }"), "query" } };
            return Request(HttpMethod.Post, "/graphql", form);
        }, NotJson);
        yield return PostText("content type: application/graphql", "{ __typename }", NotJson, contentType: "application/graphql");
        yield return PostText("content type: missing", """{"query": "{ __typename }"}""", NotJson, contentType: null);
        yield return PostText("content type: application/json; charset=latin1", """{"query": "{ __typename }"}""", NotJson, contentType: "application/json; charset=latin1");
        yield return PostText("content type: application/json; charset=utf-16", """{"query": "{ __typename }"}""", NotJson, contentType: "application/json; charset=utf-16");
        yield return PostText("content type: garbage", """{"query": "{ __typename }"}""", NotJson, contentType: ";;;/json");

        // Methods and Accept.
        yield return new BadInput("method: PUT", Server.Memory, () => Request(HttpMethod.Put, "/graphql", Utf8("""{"query": "{ __typename }"}""", Json)),
            Http(HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed));
        yield return new BadInput("method: DELETE", Server.Memory, () => Request(HttpMethod.Delete, "/graphql"),
            Http(HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed));
        yield return PostText("accept: only text/csv", """{"query": "{ __typename }"}""", Http(HttpStatusCode.NotAcceptable, ErrorCodes.NotAcceptable), accept: "text/csv");

        // Documents that do not parse.
        yield return Query("syntax: an unclosed selection set", "{ actor(tmdbId: 287) { name }", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a lone closing brace", "}}}}", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: an unterminated string", """{ searchActors(query: "tom) { totalCount } }""", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: an unterminated block string", "{ searchActors(query: \"\"\"tom) { totalCount } }", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a non-hex unicode escape", """{ searchActors(query: "\uZZZZ") { totalCount } }""", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a short unicode escape", """{ searchActors(query: "\u12") { totalCount } }""", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: an unknown escape", """{ searchActors(query: "\x41") { totalCount } }""", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a null byte in the document", "{ __typename \0 }", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a null byte inside a string literal", "{ searchActors(query: \"tom\0\") { totalCount } }", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a variable with no name", "query($: Int) { __typename }", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a 200-deep list literal", $"{{ actors(tmdbIds: {new string('[', 200)}1{new string(']', 200)}) {{ name }} }}", NotRun(ErrorCodes.ParseFailed));

        // Documents that do not validate.
        yield return Query("schema: an unknown field", "{ nope }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: an unknown field on Actor", "{ actor(tmdbId: 287) { password } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: an unknown type in a fragment", "{ actor(tmdbId: 287) { ... on Nope { name } } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: an unknown variable type", "query($x: Nope) { __typename }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: an unknown argument", "{ actor(tmdbId: 287, bogus: 1) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: a missing required argument", "{ actor { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: an object without a selection", "{ actor(tmdbId: 287) }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("schema: a selection on a scalar", "{ __typename { name } }", NotRun(ErrorCodes.ValidationFailed));

        // Arguments of the wrong type (literals).
        yield return Query("argument: a string for Int!", """{ actor(tmdbId: "287") { name } }""", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: the string \"abc\" for Int!", """{ actor(tmdbId: "abc") { name } }""", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: 1e10 as a float literal for Int!", "{ actor(tmdbId: 1e10) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: 2^31 overflows Int", "{ actor(tmdbId: 2147483648) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: a 40-digit integer", $"{{ actor(tmdbId: {new string('9', 40)}) {{ name }} }}", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: null for Int!", "{ actor(tmdbId: null) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: a number for String!", "{ searchActors(query: 5) { totalCount } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: an object for a list", "{ actors(tmdbIds: {a: 1}) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: nested lists for [Int!]!", "{ actors(tmdbIds: [[1], [2]]) { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("argument: an unknown enum value", "{ actor(tmdbId: 287) { profileUrl(size: HUGE) } }", NotRun(ErrorCodes.ValidationFailed));

        // Variables of the wrong type, missing, undeclared or unused.
        yield return Query("variable: a string for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": "abc"}""");
        yield return Query("variable: null for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": null}""");
        yield return Query("variable: missing for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: "{}");
        yield return Query("variable: a float for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": 287.5}""");
        yield return Query("variable: 1e400 for Int! with GraphQL-Cost: report", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": 1e400}""", cost: "report");
        yield return PostText("variable: 1e400 for Int! in a batch", $$$"""[{"query": "{{{ActorById}}}", "variables": {"id": 1e400}}]""", new Expected(HttpStatusCode.OK, null, Batch: [ErrorCodes.BadUserInput]));
        yield return Query("variable: a 400-digit integer for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: $$"""{"id": {{new string('9', 400)}}}""");
        yield return Query("variable: an object for [Int!]!", ActorsByIds, NotRun(ErrorCodes.BadUserInput), variables: """{"ids": {"a": 1}}""");
        yield return Query("variable: null inside [Int!]!", ActorsByIds, NotRun(ErrorCodes.BadUserInput), variables: """{"ids": [287, null]}""");
        yield return Query("variable: lists nested 50 deep for [Int!]!", ActorsByIds, NotRun(ErrorCodes.BadUserInput),
            variables: $$"""{"ids": {{new string('[', 50)}}287{{new string(']', 50)}}}""");
        yield return Query("variable: an unknown enum value", "query($s: ProfileImageSize) { actor(tmdbId: 287) { profileUrl(size: $s) } }", NotRun(ErrorCodes.BadUserInput),
            variables: """{"s": "HUGE"}""");
        yield return Query("variable: undeclared", "{ actor(tmdbId: $id) { name } }", NotRun(ErrorCodes.ValidationFailed), variables: """{"id": 287}""");
        yield return Query("variable: unused", "query($id: Int) { __typename }", NotRun(ErrorCodes.ValidationFailed), variables: """{"id": 287}""");
        yield return Query("variable: declared twice", "query($id: Int!, $id: Int!) { actor(tmdbId: $id) { name } }", NotRun(ErrorCodes.ValidationFailed), variables: """{"id": 287}""");
        yield return Query("variable: an output type as its type", "query($a: Actor) { __typename }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("variable: a nullable variable for Int!", "query($id: Int) { actor(tmdbId: $id) { name } }", NotRun(ErrorCodes.ValidationFailed), variables: """{"id": 287}""");

        // Out-of-range values, refused while validating (nothing runs), before the cost analysis.
        yield return Query("range: tmdbId 0", "{ actor(tmdbId: 0) { name } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: tmdbId -1", "{ actor(tmdbId: -1) { name } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: tmdbId 2^31-1", "{ movie(tmdbId: 2147483647) { title } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: tmdbId -2^31 in a variable", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": -2147483648}""");
        yield return Query("range: a 0 among actors' ids", "{ actors(tmdbIds: [287, 0]) { name } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: 51 ids for actors", $"{{ movies(tmdbIds: [{string.Join(", ", Enumerable.Range(1, 51))}]) {{ title }} }}", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: first -1", """{ searchActors(query: "tom", first: -1) { totalCount } }""", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: first 51", """{ searchMovies(query: "alien", first: 51) { totalCount } }""", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: first -2^31", """{ searchActors(query: "tom", first: -2147483648) { totalCount } }""", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: first 51 on a nested list", "{ actor(tmdbId: 287) { knownFor(first: 51) { title } } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: first 2^31-1 is out of range before it is too costly", """{ searchActors(query: "tom", first: 2147483647) { totalCount } }""", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: empty search text", """{ searchActors(query: "") { totalCount } }""", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: blank search text", """{ searchMovies(query: "   \t  ") { totalCount } }""", NotRun(ErrorCodes.BadUserInput));
        yield return Query("range: 10,000 characters of search text in a variable", Search, NotRun(ErrorCodes.BadUserInput),
            variables: JsonSerializer.Serialize(new { q = new string('a', 10_000) }));

        // Comparisons.
        yield return Query("compare: no ids", "{ compareActors(tmdbIds: []) { sharedMovies { movie { title } } } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("compare: one id", "{ compareActors(tmdbIds: [287]) { sharedMovies { movie { title } } } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("compare: eleven ids", $"{{ compareActors(tmdbIds: [{string.Join(", ", Enumerable.Range(1, 11))}]) {{ sharedMovies {{ movie {{ title }} }} }} }}", NotRun(ErrorCodes.BadUserInput));
        yield return Query("compare: the same actor twice", "{ compareActors(tmdbIds: [287, 287]) { sharedMovies { movie { title } } } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("compare: the same movie twice", "{ compareMovies(tmdbIds: [550, 550]) { sharedCast { actor { name } } } }", NotRun(ErrorCodes.BadUserInput));
        yield return Query("compare: an id out of range", "{ compareMovies(tmdbIds: [550, -5]) { sharedCast { actor { name } } } }", NotRun(ErrorCodes.BadUserInput));

        // Global ids and cursors.
        yield return Query("node: garbage", """{ node(id: "garbage!!") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: an empty id", """{ node(id: "") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: base64 of an unknown type", $$"""{ node(id: "{{B64("Person:287")}}") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: base64 of a negative id", $$"""{ node(id: "{{B64("Actor:-1")}}") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: base64 of an id past Int", $$"""{ node(id: "{{B64("Movie:99999999999")}}") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: base64 of binary bytes", $$"""{ node(id: "{{Convert.ToBase64String([0xFF, 0xFE, 0x00, 0x3A, 0xC0])}}") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: base64 of a JSON payload", $$"""{ node(id: "{{B64("{\"type\":\"Actor\",\"id\":287}")}}") { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("node: a 10,000-character id", "query($id: ID!) { node(id: $id) { id } }", Ran(ErrorCodes.BadUserInput),
            variables: JsonSerializer.Serialize(new { id = new string('Q', 10_000) }));
        yield return Query("nodes: garbage among the ids", $$"""{ nodes(ids: ["{{B64("Actor:287")}}", "%%%"]) { id } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("cursor: garbage", """{ searchActors(query: "tom", after: "garbage") { totalCount } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("cursor: base64 of a negative position", $$"""{ searchActors(query: "tom", after: "{{B64("cursor:-5")}}") { totalCount } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("cursor: base64 of a position past Int", $$"""{ searchMovies(query: "alien", after: "{{B64("cursor:99999999999")}}") { totalCount } }""", Ran(ErrorCodes.BadUserInput));
        yield return Query("cursor: a global id as a cursor", $$"""{ searchActors(query: "tom", after: "{{B64("Actor:287")}}") { totalCount } }""", Ran(ErrorCodes.BadUserInput));

        // Size, depth and alias limits.
        yield return Query("limits: 200 nested selections", "{ " + string.Concat(Enumerable.Repeat("a { ", 200)) + "b" + new string('}', 200) + " }", NotRun(ErrorCodes.ParseFailed));
        yield return Query("limits: 16 levels of real fields", "{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("knownFor(first: 1) { cast(first: 1) { actor { ", 5)) + "name" + new string('}', 16) + " }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: deep introspection", "{ __schema { types { fields { type { " + string.Concat(Enumerable.Repeat("ofType { ", 10)) + "name" + new string('}', 14) + " }",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: 1,000 aliases of __typename", "{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"a{i}: __typename")) + " }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: 150 aliases of actor", "{ " + string.Join(" ", Enumerable.Range(0, 150).Select(i => $"a{i}: actor(tmdbId: 287) {{ name }}")) + " }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: 600 fields", "{ actor(tmdbId: 287) { " + string.Join(" ", Enumerable.Repeat("name", 600)) + " } }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: 600 fields spread over fragments", string.Join(" ", Enumerable.Range(0, 3).Select(i => $"fragment F{i} on Actor {{ {string.Join(" ", Enumerable.Repeat("name", 200))} }}"))
            + " { actor(tmdbId: 287) { ...F0 ...F1 ...F2 name } }", NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: a cost bomb of nested lists", """{ searchActors(query: "a", first: 50) { nodes { knownFor(first: 50) { cast(first: 50) { actor { credits { movie { title } } } } } } } }""",
            NotRun(ErrorCodes.QueryTooComplex));
        yield return Query("limits: a cost bomb of compared ids", "{ compareActors(tmdbIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) { actors { credits { movie { cast { actor { credits { movie { title } } } } } } } } }",
            NotRun(ErrorCodes.QueryTooComplex));

        // Fragments.
        yield return Query("fragment: a cycle of two", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("fragment: a self-reference", "{ ...A } fragment A on Query { __typename ...A }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("fragment: a cycle through fields", "{ actor(tmdbId: 287) { ...F } } fragment F on Actor { knownFor { cast { actor { ...F } } } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("fragment: spread of an undefined fragment", "{ ...Nope }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("fragment: on the wrong type", "{ actor(tmdbId: 287) { ...M } } fragment M on Movie { title }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("fragment: unused", "{ __typename } fragment U on Query { __typename }", NotRun(ErrorCodes.ValidationFailed));

        // Directives.
        yield return Query("directive: @skip(if: \"x\")", """{ __typename @skip(if: "x") }""", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("directive: @include without if", "{ __typename @include }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("directive: unknown", "{ __typename @nope }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("directive: in the wrong place", "query @skip(if: true) { __typename }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("directive: 500 repeated @include", "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", 500)) + "}", NotRun(ErrorCodes.QueryTooComplex));

        // Operations and operation names.
        yield return Query("operation: two operations with one name", "query A { __typename } query A { __typename }", NotRun(ErrorCodes.ValidationFailed), operationName: "A");
        yield return Query("operation: a mutation over POST", "mutation { deleteEverything }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("operation: a subscription over POST", "subscription { actorUpdated { name } }", NotRun(ErrorCodes.ValidationFailed));
        yield return Get("operation: a mutation over GET", "query=" + Uri.EscapeDataString("mutation { deleteEverything }"),
            Http(HttpStatusCode.MethodNotAllowed, ErrorCodes.OperationNotAllowed));
        yield return Get("operation: a subscription over GET", "query=" + Uri.EscapeDataString("subscription { actorUpdated { name } }"),
            Http(HttpStatusCode.MethodNotAllowed, ErrorCodes.OperationNotAllowed));

        // GET.
        yield return Get("get: no query", "", BadJson);
        yield return Get("get: variables that are not JSON", "query=" + Uri.EscapeDataString(ActorById) + "&variables=%7Bid%3A", BadJson);
        yield return Get("get: variables that are a JSON array", "query=" + Uri.EscapeDataString(ActorById) + "&variables=" + Uri.EscapeDataString("[287]"), BadJson);
        yield return Get("get: a null byte in the query", "query=" + Uri.EscapeDataString("{ __typename \0 }"), NotRun(ErrorCodes.ParseFailed));
        yield return Get("get: invalid UTF-8 in the query", "query=%7B%20__typename%20%FF%FE%20%7D", NotRun(ErrorCodes.ParseFailed));
        yield return Get("get: 100 KB query", "query=" + Uri.EscapeDataString("{ __typename }\n#" + new string('x', 100 * KiB)), NotRun(ErrorCodes.QueryTooComplex));
        // The request line fits any document up to the 64 KiB limit (256 KiB); past the limit the app answers, past
        // 256 KiB of query string it answers 414 saying to use POST, past Kestrel's bound (512 KiB) Kestrel refuses
        // before the app sees the request.
        yield return Get("get: a 9 KB query over a real socket", "query=" + Uri.EscapeDataString("{ __typename }") + string.Concat(Enumerable.Repeat("%20", 3 * KiB)),
            new Expected(HttpStatusCode.OK, null), Server.Kestrel);
        yield return Get("get: a 100 KB query over a real socket (document limit)", "query=" + Uri.EscapeDataString("{ __typename }\n#" + new string('x', 100 * KiB)),
            NotRun(ErrorCodes.QueryTooComplex), Server.Kestrel);
        yield return Get("get: a 300 KB query over a real socket (GET limit)", "query=" + Uri.EscapeDataString("{ __typename }\n#" + new string('x', 300 * KiB)),
            new Expected(HttpStatusCode.RequestUriTooLong, ErrorCodes.PayloadTooLarge), Server.Kestrel);
        yield return Get("get: a 600 KB query over a real socket (request line limit)", "query=" + Uri.EscapeDataString("{ __typename }\n#" + new string('x', 600 * KiB)),
            new Expected(HttpStatusCode.RequestUriTooLong, null, OrStatus: HttpStatusCode.RequestHeaderFieldsTooLarge), Server.Kestrel);

        // Sizes.
        yield return Query("size: a 1 MB string variable", Search, TooLarge, variables: JsonSerializer.Serialize(new { q = new string('a', MiB) }));
        yield return new BadInput("size: a 1 MB body without Content-Length", Server.Memory, () =>
            Request(HttpMethod.Post, "/graphql", Unsized(Padded(MiB), Json)), TooLarge);
        yield return new BadInput("size: a 10 MB body with Content-Length", Server.Memory, () =>
            Request(HttpMethod.Post, "/graphql", new ByteArrayContent(Padded(10 * MiB)) { Headers = { ContentType = MediaTypeHeaderValue.Parse(Json) } }), TooLarge);
        yield return new BadInput("size: a 10 MB body with Content-Length over a real socket", Server.Kestrel, () =>
            Request(HttpMethod.Post, "/graphql", new ByteArrayContent(Padded(10 * MiB)) { Headers = { ContentType = MediaTypeHeaderValue.Parse(Json) } }), TooLarge);
        yield return new BadInput("size: a 10 MB chunked body over a real socket", Server.Kestrel, () =>
            Request(HttpMethod.Post, "/graphql", Unsized(Padded(10 * MiB), Json)), TooLarge);

        // Bytes that are not valid UTF-8, and awkward characters.
        yield return PostBytes("utf-8: invalid bytes outside any string", Bytes("""{"query": "{ __typename }" """, [0xFF], "}"), BadJson);
        yield return PostBytes("utf-8: a UTF-16 body", Encoding.Unicode.GetBytes("""{"query": "{ __typename }"}"""), BadJson);

        // Duplicate keys.
        yield return PostText("duplicate keys: query given twice, the last not a string", """{"query": "{ __typename }", "query": 5}""", BadJson);
        yield return PostText("duplicate keys: variables given twice, the last an array", """{"query": "{ __typename }", "variables": {}, "variables": [1]}""", BadJson);

        // Batches.
        yield return PostText("batch: an empty array", "[]", BadJson);
        yield return PostText("batch: 11 operations", BatchOf(11), BadJson);
        yield return PostText("batch: 1,000 operations", BatchOf(1000), BadJson);
        yield return PostText("batch: a number among the operations", """[{"query": "{ __typename }"}, 5]""", BadJson);
        yield return PostText("batch: valid and invalid operations mixed", $$$"""
            [
              {"query": "{ __typename }"},
              {"query": "{ nope }"},
              {"query": "{ __typename"},
              {"query": "{{{ActorById}}}", "variables": {"id": "x"}},
              {"query": "{ actor(tmdbId: 0) { name } }"},
              {"query": "mutation { deleteEverything }"},
              {"query": "{ actor(tmdbId: 287) { name } }"}
            ]
            """,
            new Expected(HttpStatusCode.OK, null, Batch: [null, ErrorCodes.ValidationFailed, ErrorCodes.ParseFailed, ErrorCodes.BadUserInput, ErrorCodes.BadUserInput, ErrorCodes.ValidationFailed, null]));

        // GraphQL-Cost on bad documents.
        yield return Query("cost header: validate on an unknown field", "{ nope }", NotRun(ErrorCodes.ValidationFailed), cost: "validate");
        yield return Query("cost header: validate on a syntax error", "{ nope", NotRun(ErrorCodes.ParseFailed), cost: "validate");
        yield return Query("cost header: validate on a cost bomb", """{ searchActors(query: "a", first: 50) { nodes { knownFor(first: 50) { cast(first: 50) { actor { name } } } } } }""",
            NotRun(ErrorCodes.QueryTooComplex), cost: "validate");
        yield return Query("cost header: report on a bad variable", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": "x"}""", cost: "report");
        yield return Query("cost header: an unknown mode on a bad document", "{ nope }", NotRun(ErrorCodes.ValidationFailed), cost: "please-run-it-anyway");

        // The legacy media type: the same refusals, with 200.
        yield return Query("legacy json: a syntax error", "{", Legacy(ErrorCodes.ParseFailed), accept: Json);
        yield return Query("legacy json: an unknown field", "{ nope }", Legacy(ErrorCodes.ValidationFailed), accept: Json);
        yield return Query("legacy json: an alias bomb", "{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"a{i}: __typename")) + " }", Legacy(ErrorCodes.QueryTooComplex), accept: Json);

        // Invalid text inside JSON strings, duplicate keys in variables, infinite numbers, and documents that pick no
        // single operation: each once gave a 500 or a code outside ErrorCodes.
        yield return PostBytes("utf-8: 0xFF 0xFE inside the query string", Bytes("""{"query": "{ __typename """, [0xFF, 0xFE], """ }"}"""), BadJson);
        yield return PostBytes("utf-8: an overlong encoding of '/'", Bytes("""{"query": "{ __typename """, [0xC0, 0xAF], """ }"}"""), BadJson);
        yield return PostBytes("utf-8: a lone continuation byte", Bytes("""{"query": "{ __typename """, [0x80], """ }"}"""), BadJson);
        yield return PostBytes("utf-8: a truncated sequence before the quote", Bytes("""{"query": "{ __typename }""", [0xE2, 0x82], "\"}"), BadJson);
        yield return PostBytes("utf-8: an encoded surrogate", Bytes("""{"query": "{ __typename """, [0xED, 0xA0, 0x80], """ }"}"""), BadJson);
        yield return PostBytes("utf-8: invalid bytes in a property name", Bytes("{\"query\": \"{ __typename }\", \"a", [0xFF], "\": 1}"), BadJson);
        yield return PostBytes("utf-8: invalid bytes in a variable", Bytes("""{"query": "query Search($q: String!) { searchActors(query: $q) { totalCount } }", "variables": {"q": "tom""", [0xFF], "\"}}"), BadJson);
        yield return PostBytes("batch: invalid UTF-8 in the second operation", Bytes("""[{"query": "{ __typename }"}, {"query": "{ __typename """, [0xFF], """ }"}]"""), BadJson);
        yield return PostText("utf-16: a lone surrogate escape in the query", """{"query": "{ searchActors(query: \"\ud800\") { totalCount } }"}""", BadJson);
        yield return PostText("utf-16: a lone surrogate escape in a variable", """{"query": "query Search($q: String!) { searchActors(query: $q) { totalCount } }", "variables": {"q": "\udc00"}}""", BadJson);
        yield return PostText("duplicate keys: a variable given twice", """{"query": "query Actor($id: Int!) { actor(tmdbId: $id) { name } }", "variables": {"id": 287, "id": "x"}}""", BadJson);
        yield return PostText("duplicate keys: inside an unused variable's object", """{"query": "{ __typename }", "variables": {"x": {"a": 1, "a": 2}}}""", BadJson);
        yield return PostText("duplicate keys: in extensions", """{"query": "{ __typename }", "extensions": {"a": 1, "a": 2}}""", BadJson);
        yield return Get("get: a variable given twice", "query=" + Uri.EscapeDataString(ActorById) + "&variables=" + Uri.EscapeDataString("""{"id": 287, "id": 1}"""), BadJson);
        yield return Query("variable: 1e400 for Int!", ActorById, NotRun(ErrorCodes.BadUserInput), variables: """{"id": 1e400}""");
        yield return Query("variable: -1e400 for String!", Search, NotRun(ErrorCodes.BadUserInput), variables: """{"q": -1e400}""");
        yield return Query("variable: 1e400 among compared ids", "query($ids: [Int!]!) { compareActors(tmdbIds: $ids) { actors { name } } }", NotRun(ErrorCodes.BadUserInput), variables: """{"ids": [1e400, 2]}""");
        yield return Get("get: 1e400 for Int!", "query=" + Uri.EscapeDataString(ActorById) + "&variables=" + Uri.EscapeDataString("""{"id": 1e400}"""), NotRun(ErrorCodes.BadUserInput));
        yield return Query("syntax: whitespace only", "   ", NotRun(ErrorCodes.ParseFailed));
        yield return Query("syntax: a comment only", "# nothing here", NotRun(ErrorCodes.ParseFailed));
        yield return Query("fragment: a document with fragments only", "fragment F on Query { __typename }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("operation: two anonymous operations", "{ __typename } { __typename }", NotRun(ErrorCodes.ValidationFailed));
        yield return Query("operation: a name that does not exist", "query A { __typename }", NotRun(ErrorCodes.BadRequest), operationName: "Nope");
        yield return Query("operation: a 10,000-character name", "query A { __typename }", NotRun(ErrorCodes.BadRequest), operationName: new string('N', 10_000));
        yield return Query("operation: two named operations and no name", "query A { __typename } query B { __typename }", NotRun(ErrorCodes.BadRequest));
    }

    public static TheoryData<BadInput> Cases()
    {
        var data = new TheoryData<BadInput>();
        foreach (var badInput in Corpus())
            data.Add(badInput);
        return data;
    }

    // --- tests ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_its_4xx_or_its_error_code_quickly_and_never_a_500_or_a_stack_trace(BadInput badInput)
    {
        var logged = memory.Logs.Lines.Count;

        var answer = await SendAsync(badInput);

        AssertRefusedAsExpected(badInput, answer);
        AssertNothingLoggedAsAnError(badInput.Name, logged);
    }

    [Fact]
    public void The_corpus_has_at_least_45_uniquely_named_requests()
    {
        var names = Corpus().Select(c => c.Name).ToArray();

        Assert.True(names.Length >= 45, $"The corpus has {names.Length} requests.");
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(Corpus(), c => c.Server == Server.Kestrel);
    }

    [Fact]
    public async Task After_the_whole_corpus_the_server_is_still_healthy_and_answers_a_normal_query()
    {
        var corpus = Corpus().ToArray();
        var logged = memory.Logs.Lines.Count;

        foreach (var badInput in corpus)
            AssertRefusedAsExpected(badInput, await SendAsync(badInput));

        foreach (var server in new[] { Server.Memory, Server.Kestrel })
        {
            using var http = Client(server);
            using var health = await http.GetAsync("/health/simple");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("healthy", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());

            var response = await new GraphQLClient(http).DataAsync("query { actor(tmdbId: 287) { name } }");
            Assert.Equal("Brad Pitt", response["actor"]!["name"]!.GetValue<string>());
        }
        AssertNothingLoggedAsAnError($"the whole corpus ({corpus.Length} requests)", logged);
    }

    // --- sending and checking ---------------------------------------------------------------------------

    private HttpClient Client(Server server) => server switch
    {
        Server.Memory => memory.CreateClient(),
        // A fresh client per request, so a connection the server closed after a refusal is never reused.
        _ => new HttpClient { BaseAddress = kestrel.BaseAddress },
    };

    private async Task<Answer> SendAsync(BadInput badInput)
    {
        using var http = Client(badInput.Server);
        using var request = badInput.Build();
        using var timeout = new CancellationTokenSource(TimeLimit);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, clock.Elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"[{badInput}] got no answer within {TimeLimit.TotalSeconds} s.");
            throw;
        }
    }

    private static void AssertRefusedAsExpected(BadInput badInput, Answer answer) => AssertAnswer(badInput.ToString(), badInput.Expected, answer);

    /// <summary>The answer has the expected status, no leaked details, and (for a GraphQL body) the expected codes.</summary>
    internal static void AssertAnswer(string name, Expected expected, Answer answer)
    {
        var shown = answer.Body.Length <= 2000 ? answer.Body : answer.Body[..2000] + "…";
        var context = $"[{name}] answered {(int)answer.Status} {answer.MediaType} in {answer.Elapsed.TotalMilliseconds:0} ms:\n{shown}";

        Assert.True(answer.Elapsed < TimeLimit, $"Too slow. {context}");
        Assert.True(answer.Status == expected.Status || answer.Status == expected.OrStatus, $"Expected status {expected}. {context}");
        Assert.False(LeakedDetails().IsMatch(answer.Body), $"The body shows an exception type or a stack trace. {context}");

        if (expected.Code is null && expected.Batch is null)
            return;

        Assert.True(answer.MediaType is Json or Grj, $"Expected a GraphQL JSON body. {context}");
        var json = JsonNode.Parse(answer.Body);
        if (expected.Batch is { } batch)
        {
            var answers = Assert.IsType<JsonArray>(json);
            Assert.True(answers.Count == batch.Count, $"Expected {batch.Count} answers. {context}");
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i] is { } code)
                {
                    AssertErrors(answers[i]!, code, $"Answer {i}: {context}");
                }
                else
                {
                    Assert.True(answers[i]!["errors"] is null, $"Answer {i} should have no errors. {context}");
                    Assert.True(answers[i]!["data"] is JsonObject, $"Answer {i} should have data. {context}");
                }
            }
            return;
        }
        AssertErrors(json!, expected.Code!, context);
    }

    /// <summary>The first error has the expected code, and every error has a code clients can rely on.</summary>
    private static void AssertErrors(JsonNode answer, string code, string context)
    {
        var errors = answer["errors"] as JsonArray;
        Assert.True(errors is { Count: > 0 }, $"Expected errors. {context}");
        Assert.True(errors[0]!["extensions"]?["code"]?.GetValue<string>() == code, $"Expected the first error's extensions.code to be {code}. {context}");
        foreach (var error in errors)
        {
            var each = error!["extensions"]?["code"]?.GetValue<string>();
            Assert.True(each is not null && KnownCodes.Contains(each), $"Every error needs a code from ErrorCodes; one has {each ?? "none"}. {context}");
            Assert.True(error["message"]?.GetValue<string>() is { Length: > 0 }, $"Every error needs a message. {context}");
        }
    }

    private void AssertNothingLoggedAsAnError(string what, int loggedBefore)
    {
        var errors = memory.Logs.Lines.Skip(loggedBefore)
            .Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
            .ToArray();
        Assert.True(errors.Length == 0, $"[{what}] made the server log errors:\n{string.Join("\n", errors)}");
    }

    /// <summary>Exception type names, stack frames, source lines, namespaces of the runtime, the engine or the app.</summary>
    [GeneratedRegex(@"Exception\b|\bat [\w.`<>|]+\(|\.cs:line \d|\b(System|Microsoft|ActorSync|GraphQLParser)\.[A-Z]|\bGraphQL\.[A-Z]")]
    private static partial Regex LeakedDetails();

    // --- building requests ------------------------------------------------------------------------------

    private static HttpRequestMessage Request(HttpMethod method, string uri, HttpContent? content = null, string? accept = Grj)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static BadInput PostText(string name, string body, Expected expected, string? contentType = Json, string accept = Grj) =>
        PostBytes(name, Encoding.UTF8.GetBytes(body), expected, contentType, accept);

    private static BadInput PostBytes(string name, byte[] body, Expected expected, string? contentType = Json, string accept = Grj) =>
        new(name, Server.Memory, () =>
        {
            var content = new ByteArrayContent(body);
            if (contentType is not null)
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return Request(HttpMethod.Post, "/graphql", content, accept);
        }, expected);

    /// <summary>A JSON POST of a document, with variables as raw JSON text (so they can be JSON no serializer would write).</summary>
    private static BadInput Query(string name, string query, Expected expected, string? variables = null, string? operationName = null, string accept = Grj, string? cost = null)
    {
        var body = new StringBuilder("{\"query\": ").Append(JsonSerializer.Serialize(query));
        if (variables is not null)
            body.Append(", \"variables\": ").Append(variables);
        if (operationName is not null)
            body.Append(", \"operationName\": ").Append(JsonSerializer.Serialize(operationName));
        body.Append('}');
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        return new BadInput(name, Server.Memory, () =>
        {
            var request = Request(HttpMethod.Post, "/graphql", Utf8Bytes(bytes, Json), accept);
            if (cost is not null)
                request.Headers.Add("GraphQL-Cost", cost);
            return request;
        }, expected);
    }

    private static BadInput Get(string name, string queryString, Expected expected, Server server = Server.Memory) =>
        new(name, server, () => Request(HttpMethod.Get, "/graphql?" + queryString), expected);

    private static ByteArrayContent Utf8(string text, string contentType) => Utf8Bytes(Encoding.UTF8.GetBytes(text), contentType);

    private static ByteArrayContent Utf8Bytes(byte[] bytes, string contentType) =>
        new(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } };

    /// <summary>A body sent without Content-Length (chunked over HTTP/1.1).</summary>
    private static StreamContent Unsized(byte[] bytes, string contentType) =>
        new(new UnseekableStream(bytes), 64 * KiB) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } };

    /// <summary>A valid GraphQL request padded to <paramref name="size"/> bytes with an unused extension string.</summary>
    private static byte[] Padded(int size)
    {
        const string head = "{\"query\": \"{ __typename }\", \"extensions\": {\"pad\": \"";
        const string tail = "\"}}";
        return Encoding.UTF8.GetBytes(head + new string('x', size - head.Length - tail.Length) + tail);
    }

    private static byte[] Bytes(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string BatchOf(int count) =>
        "[" + string.Join(",", Enumerable.Repeat("""{"query": "{ __typename }"}""", count)) + "]";

    /// <summary>Hides the length, so HttpClient streams the body chunked instead of sending Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
