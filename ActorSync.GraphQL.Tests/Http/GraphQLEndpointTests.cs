using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// GraphQL over HTTP through the in-memory pipeline: methods, media types, status codes and the stable
/// <c>extensions.code</c> of every error the endpoint raises itself.
/// </summary>
public sealed class GraphQLEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Json = "application/json";
    private const string JsonUtf8 = "application/json; charset=utf-8";
    private const string Grj = "application/graphql-response+json";
    private const string GrjUtf8 = "application/graphql-response+json; charset=utf-8";

    /// <summary>DESIGN.md §5: request bodies over 64 KiB are refused.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    private const string TypenameQuery = """{"query":"{ __typename }"}""";

    private readonly HttpClient _http = factory.CreateClient();

    // --- media types -------------------------------------------------------------------------------------

    [Fact]
    public async Task Post_with_application_json_answers_application_json_in_utf8()
    {
        var reply = await PostAsync(TypenameQuery, accept: Json);

        AssertSuccess(reply, JsonUtf8);
        Assert.Equal("Query", reply.Response.Data!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_accepting_graphql_response_json_answers_that_media_type()
    {
        var reply = await PostAsync(TypenameQuery, accept: Grj);

        AssertSuccess(reply, GrjUtf8);
        Assert.Equal("Query", reply.Response.Data!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_without_an_accept_header_answers_application_json()
    {
        var reply = await PostAsync(TypenameQuery, accept: null);

        AssertSuccess(reply, JsonUtf8);
    }

    [Theory]
    [InlineData("*/*", JsonUtf8)]
    [InlineData("application/*", JsonUtf8)]
    [InlineData("application/json, application/graphql-response+json", JsonUtf8)]
    [InlineData("application/graphql-response+json, application/json", GrjUtf8)]
    [InlineData("text/csv, application/graphql-response+json;q=0.9", GrjUtf8)]
    [InlineData("application/graphql-response+json; charset=utf-8", GrjUtf8)]
    public async Task The_first_acceptable_media_type_in_accept_picks_the_response_type(string accept, string expected)
    {
        var reply = await PostAsync(TypenameQuery, accept: accept);

        AssertSuccess(reply, expected);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("Application/JSON")]
    public async Task Post_accepts_json_with_or_without_a_utf8_charset(string contentType)
    {
        var reply = await SendAsync(HttpMethod.Post, "/graphql", Body(TypenameQuery, contentType), accept: Json);

        AssertSuccess(reply, JsonUtf8);
    }

    [Fact]
    public async Task Accept_text_csv_only_is_406_not_acceptable()
    {
        var reply = await PostAsync(TypenameQuery, accept: "text/csv");

        AssertError(reply, HttpStatusCode.NotAcceptable, "NOT_ACCEPTABLE", JsonUtf8);
    }

    [Fact]
    public async Task Get_accepting_text_csv_only_is_406_not_acceptable()
    {
        var reply = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"), accept: "text/csv");

        AssertError(reply, HttpStatusCode.NotAcceptable, "NOT_ACCEPTABLE", JsonUtf8);
    }

    // --- GET -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Get_with_a_query_parameter_runs_the_query()
    {
        // Form encoding, as the audit's URLSearchParams sends it: '+' is a space.
        var reply = await SendAsync(HttpMethod.Get, "/graphql?query=%7B+__typename+%7D");

        AssertSuccess(reply, JsonUtf8);
        Assert.Equal("Query", reply.Response.Data!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_variables_as_json_text_runs_the_query_with_them()
    {
        var query = Uri.EscapeDataString("query Named($name: String!) { __type(name: $name) { name } }");
        var variables = Uri.EscapeDataString("""{"name":"Query"}""");

        var reply = await SendAsync(HttpMethod.Get, $"/graphql?query={query}&variables={variables}", accept: Grj);

        AssertSuccess(reply, GrjUtf8);
        Assert.Equal("Query", reply.Response.Data!["__type"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_without_a_query_is_400_bad_request()
    {
        var reply = await SendAsync(HttpMethod.Get, "/graphql", accept: Json);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", JsonUtf8);
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    public async Task Get_with_variables_that_are_not_a_json_object_is_400_bad_request(string variables)
    {
        var query = Uri.EscapeDataString("{ __typename }");

        var reply = await SendAsync(HttpMethod.Get, $"/graphql?query={query}&variables={Uri.EscapeDataString(variables)}", accept: Json);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", JsonUtf8);
    }

    [Theory]
    [InlineData(Json, JsonUtf8)]
    [InlineData(Grj, GrjUtf8)]
    public async Task Get_with_a_mutation_is_405_allowing_only_post(string accept, string contentType)
    {
        var reply = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { __typename }"), accept: accept);

        AssertError(reply, HttpStatusCode.MethodNotAllowed, "OPERATION_NOT_ALLOWED", contentType);
        Assert.Equal("POST", reply.Allow);
    }

    [Fact]
    public async Task Get_selecting_a_mutation_by_operation_name_is_405_allowing_only_post()
    {
        var query = Uri.EscapeDataString("query Read { __typename } mutation Write { __typename }");

        var reply = await SendAsync(HttpMethod.Get, $"/graphql?query={query}&operationName=Write", accept: Grj);

        AssertError(reply, HttpStatusCode.MethodNotAllowed, "OPERATION_NOT_ALLOWED", GrjUtf8);
        Assert.Equal("POST", reply.Allow);
    }

    // --- other methods -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_get_and_post_are_405_allowing_get_and_post(string method)
    {
        var reply = await SendAsync(new HttpMethod(method), "/graphql", Body(TypenameQuery), accept: Json);

        AssertError(reply, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED", JsonUtf8);
        Assert.Equal("GET, POST", reply.Allow);
    }

    // --- POST: the body and its parameters -----------------------------------------------------------------

    [Theory]
    [InlineData(Json, JsonUtf8)]
    [InlineData(Grj, GrjUtf8)]
    public async Task Post_with_malformed_json_is_400_bad_request_whatever_the_accept(string accept, string contentType)
    {
        var reply = await PostAsync("""{ "not a JSON""", accept: accept);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", contentType);
    }

    [Theory]
    [InlineData("", Json)]
    [InlineData("""{"notquery":"{ __typename }"}""", Json)]
    [InlineData("""{"notquery":"{ __typename }"}""", Grj)]
    [InlineData("""{"query":""}""", Json)]
    [InlineData("""{"query":null}""", Grj)]
    [InlineData("""{"variables":{}}""", Json)]
    public async Task Post_without_a_query_is_400_bad_request(string body, string accept)
    {
        var reply = await PostAsync(body, accept: accept);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", accept == Grj ? GrjUtf8 : JsonUtf8);
    }

    [Fact]
    public async Task Post_with_variables_as_a_string_is_400_bad_request()
    {
        var reply = await PostAsync("""{"query":"query Named($name: String!) { __type(name: $name) { name } }","variables":"{\"name\":\"Query\"}"}""", accept: Json);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", JsonUtf8);
    }

    [Theory]
    [InlineData("""{"query":{"obj":"ect"}}""")]
    [InlineData("""{"query":0}""")]
    [InlineData("""{"query":false}""")]
    [InlineData("""{"query":["array"]}""")]
    [InlineData("""{"operationName":{"obj":"ect"},"query":"{ __typename }"}""")]
    [InlineData("""{"operationName":0,"query":"{ __typename }"}""")]
    [InlineData("""{"operationName":["array"],"query":"{ __typename }"}""")]
    [InlineData("""{"query":"{ __typename }","variables":[1]}""")]
    [InlineData("""{"query":"{ __typename }","variables":0}""")]
    [InlineData("""{"query":"{ __typename }","extensions":"text"}""")]
    [InlineData("""["not an object"]""")]
    [InlineData("""42""")]
    public async Task Post_with_a_parameter_of_the_wrong_json_type_is_400_bad_request(string body)
    {
        var reply = await PostAsync(body, accept: Json);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", JsonUtf8);
    }

    [Fact]
    public async Task Post_accepts_null_operation_name_variables_and_extensions()
    {
        var reply = await PostAsync("""{"query":"{ __typename }","operationName":null,"variables":null,"extensions":null}""", accept: Grj);

        AssertSuccess(reply, GrjUtf8);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Post_without_a_json_content_type_is_415_unsupported_media_type(string? contentType)
    {
        var reply = await SendAsync(HttpMethod.Post, "/graphql", Body(TypenameQuery, contentType), accept: Json);

        AssertError(reply, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", JsonUtf8);
    }

    // --- body size -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Body_one_byte_over_64_KiB_is_413_payload_too_large()
    {
        var body = PaddedTypenameBody(MaxBodyBytes + 1);

        var reply = await SendAsync(HttpMethod.Post, "/graphql", Body(body), accept: Json);

        AssertError(reply, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", JsonUtf8);
    }

    [Fact]
    public async Task Body_over_64_KiB_without_a_content_length_is_413_payload_too_large()
    {
        var body = PaddedTypenameBody(MaxBodyBytes + 1);
        var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", Json);

        var reply = await SendAsync(HttpMethod.Post, "/graphql", content, accept: Json);

        AssertError(reply, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", JsonUtf8);
    }

    [Fact]
    public async Task Body_of_exactly_64_KiB_padded_with_whitespace_and_a_comment_is_accepted()
    {
        var body = PaddedTypenameBody(MaxBodyBytes);

        var reply = await SendAsync(HttpMethod.Post, "/graphql", Body(body), accept: Grj);

        AssertSuccess(reply, GrjUtf8);
        Assert.Equal("Query", reply.Response.Data!["__typename"]!.GetValue<string>());
    }

    // --- GraphQL document and variable errors --------------------------------------------------------------

    [Fact]
    public async Task Syntax_error_under_graphql_response_json_is_400_without_data()
    {
        var reply = await PostAsync("""{"query":"{"}""", accept: Grj);

        AssertError(reply, HttpStatusCode.BadRequest, "GRAPHQL_PARSE_FAILED", GrjUtf8);
        AssertNoData(reply);
    }

    [Fact]
    public async Task Syntax_error_under_application_json_is_200_with_errors_only()
    {
        var reply = await PostAsync("""{"query":"{"}""", accept: Json);

        AssertError(reply, HttpStatusCode.OK, "GRAPHQL_PARSE_FAILED", JsonUtf8);
        AssertNoData(reply);
    }

    [Theory]
    [InlineData(Json, HttpStatusCode.OK, JsonUtf8)]
    [InlineData(Grj, HttpStatusCode.BadRequest, GrjUtf8)]
    public async Task Unknown_field_is_a_validation_error(string accept, HttpStatusCode status, string contentType)
    {
        var reply = await PostAsync("""{"query":"{ thisFieldDoesNotExist }"}""", accept: accept);

        AssertError(reply, status, "GRAPHQL_VALIDATION_FAILED", contentType);
        AssertNoData(reply);
    }

    [Theory]
    [InlineData(Json, HttpStatusCode.OK, JsonUtf8)]
    [InlineData(Grj, HttpStatusCode.BadRequest, GrjUtf8)]
    public async Task Variable_of_the_wrong_type_is_bad_user_input(string accept, HttpStatusCode status, string contentType)
    {
        var reply = await PostAsync(
            """{"query":"query Actor($id: Int!) { actor(tmdbId: $id) { name } }","variables":{"id":"not a number"}}""",
            accept: accept);

        AssertError(reply, status, "BAD_USER_INPUT", contentType);
        AssertNoData(reply);
    }

    // --- batches -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Batch_of_two_requests_answers_an_array_of_two_results_in_order()
    {
        var body = """
            [
              {"query":"{ first: __typename }"},
              {"query":"query Named($name: String!) { __type(name: $name) { name } }","variables":{"name":"Actor"}}
            ]
            """;

        var reply = await PostAsync(body, accept: Json);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(JsonUtf8, reply.Response.ContentType);
        var results = Assert.IsType<JsonArray>(reply.Response.Json);
        Assert.Equal(2, results.Count);
        Assert.All(results, result => Assert.False(result!.AsObject().ContainsKey("errors"), reply.Response.Body));
        Assert.Equal("Query", results[0]!["data"]!["first"]!.GetValue<string>());
        Assert.Equal("Actor", results[1]!["data"]!["__type"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_of_ten_requests_is_accepted_and_answered_in_order()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"query":"{ op{{i}}: __typename }"}""")) + "]";

        var reply = await PostAsync(body, accept: Grj);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(GrjUtf8, reply.Response.ContentType);
        var results = Assert.IsType<JsonArray>(reply.Response.Json);
        Assert.Equal(10, results.Count);
        for (var i = 0; i < 10; i++)
            Assert.Equal("Query", results[i]!["data"]![$"op{i}"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_answers_each_operations_own_errors_in_its_place()
    {
        var reply = await PostAsync("""[{"query":"{"},{"query":"{ __typename }"}]""", accept: Grj);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = Assert.IsType<JsonArray>(reply.Response.Json);
        Assert.Equal(2, results.Count);
        Assert.Equal("GRAPHQL_PARSE_FAILED", results[0]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(results[0]!.AsObject().ContainsKey("data"));
        Assert.Equal("Query", results[1]!["data"]!["__typename"]!.GetValue<string>());
        Assert.False(results[1]!.AsObject().ContainsKey("errors"));
    }

    [Fact]
    public async Task Batch_of_more_than_ten_operations_is_400_bad_request()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat(TypenameQuery, 11)) + "]";

        var reply = await PostAsync(body, accept: Json);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", JsonUtf8);
    }

    [Fact]
    public async Task Empty_batch_is_400_bad_request()
    {
        var reply = await PostAsync("[]", accept: Json);

        AssertError(reply, HttpStatusCode.BadRequest, "BAD_REQUEST", JsonUtf8);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private sealed record Reply(HttpStatusCode Status, GraphQLResponse Response, string? Allow);

    private Task<Reply> PostAsync(string body, string? accept) =>
        SendAsync(HttpMethod.Post, "/graphql", Body(body), accept);

    private async Task<Reply> SendAsync(HttpMethod method, string uri, HttpContent? content = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _http.SendAsync(request);
        var allow = response.Content.Headers.TryGetValues("Allow", out var contentAllow) ? contentAllow
            : response.Headers.TryGetValues("Allow", out var responseAllow) ? responseAllow
            : null;
        return new Reply(response.StatusCode, await GraphQLResponse.ReadAsync(response), allow is null ? null : string.Join(", ", allow));
    }

    /// <summary>UTF-8 bytes with exactly the given Content-Type header (none when null).</summary>
    private static ByteArrayContent Body(string body, string? contentType = Json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    /// <summary>
    /// <c>{"query":"{ __typename }   # xxxx…"}</c> followed by JSON whitespace: a valid request of exactly
    /// <paramref name="bytes"/> bytes, padded inside the query (whitespace and a comment) and after the JSON.
    /// </summary>
    private static string PaddedTypenameBody(int bytes)
    {
        var quarter = bytes / 4;
        var json = $$"""{"query":"{ __typename }{{new string(' ', quarter)}}# {{new string('x', quarter)}}"}""";
        var body = json + new string(' ', bytes - json.Length);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(body));
        return body;
    }

    private static void AssertSuccess(Reply reply, string contentType)
    {
        var because = reply.Response.Body;
        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {(int)reply.Status}: {because}");
        Assert.Equal(contentType, reply.Response.ContentType);
        var json = Assert.IsType<JsonObject>(reply.Response.Json);
        Assert.False(json.ContainsKey("errors"), $"A success must have no \"errors\" key: {because}");
        Assert.True(json.ContainsKey("data"), $"A success must have \"data\": {because}");
    }

    /// <summary>Status, content type, one error with a message and the stable code, and nothing of the server's insides.</summary>
    private static void AssertError(Reply reply, HttpStatusCode status, string code, string contentType)
    {
        var body = reply.Response.Body;
        Assert.True(reply.Status == status, $"Expected {(int)status}, got {(int)reply.Status}: {body}");
        Assert.Equal(contentType, reply.Response.ContentType);
        var json = Assert.IsType<JsonObject>(reply.Response.Json);
        var errors = Assert.IsType<JsonArray>(json["errors"]);
        Assert.NotEmpty(errors);
        Assert.False(string.IsNullOrWhiteSpace(errors[0]!["message"]?.GetValue<string>()), body);
        Assert.Equal(code, reply.Response.FirstCode);
        AssertNoInternals(body);
    }

    private static void AssertNoData(Reply reply) =>
        Assert.False(reply.Response.Json!.AsObject().ContainsKey("data"), $"Nothing executed, so there must be no \"data\" key: {reply.Response.Body}");

    private static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    /// <summary>A body sent without Content-Length, so the server cannot refuse it up front and must count.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task Post_json_with_a_quoted_utf8_charset_is_accepted()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"utf-8\"");
        using var response = await _http.PostAsync("/graphql", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_starting_with_a_utf8_byte_order_mark_is_accepted()
    {
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}""")]);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = await _http.PostAsync("/graphql", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task A_mutation_posted_to_a_query_only_schema_is_a_request_error_without_data(string accept, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"mutation { __typename }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, body);
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.False(json.ContainsKey("data"), body);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
