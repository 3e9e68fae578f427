using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;
using Answer = ActorSync.GraphQL.Tests.Security.BadInputCorpusTests.Answer;
using Expected = ActorSync.GraphQL.Tests.Security.BadInputCorpusTests.Expected;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>
/// One request of the hostile corpus, sent to a real Kestrel socket: through HttpClient, or written by hand
/// (<see cref="RawHttp"/>) for what HttpClient will not send. <paramref name="Check"/> adds a check of the answer beyond
/// status and code (null when it holds, else what is wrong).
/// </summary>
public sealed record HostileRequest(string Group, string Name, Func<Uri, Task<Answer>> Send, Expected Expected, Func<Answer, string?>? Check = null)
{
    public override string ToString() => $"{Group}: {Name} -> {Expected}";
}

/// <summary>Builders of <see cref="HostileRequest"/>s; the corpus itself is <see cref="HostileCorpus"/>.</summary>
internal static class Hostile
{
    public const string Grj = "application/graphql-response+json";
    public const string Json = "application/json";
    public const int KiB = 1024;

    /// <summary>Long enough for every refusal, including a 1 s body bound or header timeout on a loaded machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Answered with data and no errors (200).</summary>
    public static readonly Expected Answered = new(HttpStatusCode.OK, null);

    /// <summary>The client closed its side: Kestrel ends the connection, so no answer (status 0) or the app's 400.</summary>
    public static readonly Expected ClientGone = new(0, null, OrStatus: HttpStatusCode.BadRequest);

    public static Expected NotRun(string code) => new(HttpStatusCode.BadRequest, code);

    public static Expected Ran(string code) => new(HttpStatusCode.OK, code);

    public static Expected Refused(HttpStatusCode status, string code) => new(status, code);

    /// <summary>Refused by Kestrel itself, before the app: a status and no GraphQL body.</summary>
    public static Expected Kestrel(HttpStatusCode status, HttpStatusCode? or = null) => new(status, null, OrStatus: or);

    public static Expected Batch(params string?[] codes) => new(HttpStatusCode.OK, null, Batch: codes);

    /// <summary>A JSON POST of a document, variables as raw JSON text (so they can be JSON no serializer would write).</summary>
    public static HostileRequest Query(string group, string name, string query, Expected expected, string? variables = null,
        string? operationName = null, Func<Answer, string?>? check = null)
    {
        var body = new StringBuilder("{\"query\": ").Append(JsonSerializer.Serialize(query));
        if (variables is not null)
            body.Append(", \"variables\": ").Append(variables);
        if (operationName is not null)
            body.Append(", \"operationName\": ").Append(JsonSerializer.Serialize(operationName));
        return Post(group, name, body.Append('}').ToString(), expected, check: check);
    }

    public static HostileRequest Post(string group, string name, string body, Expected expected, string? contentType = Json, Func<Answer, string?>? check = null) =>
        PostBytes(group, name, Encoding.UTF8.GetBytes(body), expected, contentType, check);

    public static HostileRequest PostBytes(string group, string name, byte[] body, Expected expected, string? contentType = Json, Func<Answer, string?>? check = null) =>
        Send(group, name, HttpMethod.Post, () =>
        {
            var content = new ByteArrayContent(body);
            if (contentType is not null)
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return content;
        }, expected, check);

    public static HostileRequest Send(string group, string name, HttpMethod method, Func<HttpContent?> content, Expected expected,
        Func<Answer, string?>? check = null, params (string Name, string Value)[] headers) =>
        new(group, name, async server =>
        {
            // A fresh client per request, so a connection the server closed after a refusal is never reused.
            using var http = new HttpClient { BaseAddress = server, Timeout = Patience };
            using var request = new HttpRequestMessage(method, "/graphql") { Content = content() };
            request.Headers.TryAddWithoutValidation("Accept", Grj);
            foreach (var (header, value) in headers)
                request.Headers.TryAddWithoutValidation(header, value);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, clock.Elapsed);
        }, expected, check);

    public static HostileRequest Raw(string group, string name, RawHttp raw, Expected expected, Func<Answer, string?>? check = null) =>
        new(group, name, async server => Of(await raw.SendAsync(server, Patience)), expected, check);

    /// <summary>
    /// <paramref name="count"/> connections opened and left silent (or sent <paramref name="partial"/> and left), then a
    /// normal query on a new one: it must still be answered. The idle ones are closed afterwards.
    /// </summary>
    public static HostileRequest IdleConnections(string group, string name, int count, string? partial = null) =>
        new(group, name, async server =>
        {
            var idle = new List<Socket>(count);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    idle.Add(socket);
                    await socket.ConnectAsync(server.Host, server.Port);
                    if (partial is not null)
                        await socket.SendAsync(Encoding.ASCII.GetBytes(partial), SocketFlags.None);
                }
                const string body = "{\"query\": \"{ actor(tmdbId: 287) { name } }\"}";
                return Of(await RawHttp.Post(body.Length).Send(body).SendAsync(server, Patience));
            }
            finally
            {
                foreach (var socket in idle)
                    socket.Dispose();
            }
        }, Answered, DataIs("actor", "Brad Pitt"));

    public static Answer Of(RawAnswer raw) => new((HttpStatusCode)Math.Max(raw.Status, 0), raw.MediaType, raw.Body, raw.Elapsed);

    /// <summary>The answer's <c>data.{field}.name</c> is <paramref name="name"/>.</summary>
    public static Func<Answer, string?> DataIs(string field, string name) => answer =>
        JsonNode.Parse(answer.Body)?["data"]?[field]?["name"]?.GetValue<string>() == name ? null : $"expected data.{field}.name {name}";

    public static ByteArrayContent Utf8(string text, string contentType = Json) =>
        new(Encoding.UTF8.GetBytes(text)) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } };

    public static byte[] Bytes(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    public static string Body(string query) => JsonSerializer.Serialize(new { query });

    /// <summary>A JSON array of <paramref name="count"/> copies of one request.</summary>
    public static string BatchOf(int count, string query) => "[" + string.Join(",", Enumerable.Repeat(Body(query), count)) + "]";

    /// <summary>A valid GraphQL request padded to <paramref name="size"/> bytes with an unused extension string.</summary>
    public static string Padded(int size)
    {
        const string head = "{\"query\": \"{ __typename }\", \"extensions\": {\"pad\": \"";
        const string tail = "\"}}";
        return head + new string('x', size - head.Length - tail.Length) + tail;
    }

    /// <summary>Fragment Fi spreads F(i+1) <paramref name="width"/> times: <c>width^levels</c> fields from a small document.</summary>
    public static string FanOut(int levels, int width = 2) =>
        "{ actor(tmdbId: 287) { ...F0 } } "
        + string.Concat(Enumerable.Range(0, levels).Select(i => $"fragment F{i} on Actor {{ {string.Concat(Enumerable.Repeat($"...F{i + 1} ", width))}}} "))
        + $"fragment F{levels} on Actor {{ name }}";

    /// <summary>Fragments F0..F(n-1) where each spreads the next and the last spreads F0.</summary>
    public static string Cycle(int n) =>
        "{ ...F0 } " + string.Concat(Enumerable.Range(0, n).Select(i => $"fragment F{i} on Query {{ __typename ...F{(i + 1) % n} }} "));

    public static string Nested(string open, int depth, string inner) => string.Concat(Enumerable.Repeat(open + " { ", depth)) + inner + new string('}', depth);
}
