using System.Text.Json;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Pipeline;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// Reads GraphQL parameters from a GET query string or a JSON POST body, checking each parameter's JSON
/// type by hand (MVC binding would coerce or reject them in its own way).
/// </summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer, RequestCacheBudget budget, IOptions<GraphQLHttpOptions> options)
{
    private readonly RawJsonTable<string> _queries = new(budget, RequestCacheBudget.StringBytes);

    /// <summary>
    /// Variables up to <see cref="GraphQLHttpOptions.MaxRememberedVariablesBytes"/>: their inputs, their JSON written back
    /// and an operation key, each about as large as the text again (UTF-16), so about six times the raw text.
    /// </summary>
    private readonly RawJsonTable<ReadVariables> _variables = new(budget, read => 512 + 6L * (read.Json?.Length ?? 0), options.Value.MaxRememberedVariablesBytes);

    public GraphQLRequestParameters FromQueryString(HttpRequest request)
    {
        // Kestrel takes request lines up to twice this (KestrelLimits), so a URL over it still gets an answer that
        // says what to do instead of Kestrel's empty 414.
        if (request.QueryString.Value is { Length: > KestrelLimits.MaxGetQueryBytes } tooLong)
        {
            throw new RequestRefusedException(StatusCodes.Status414UriTooLong, ErrorCodes.PayloadTooLarge,
                $"The URL's query string is {tooLong.Length:N0} bytes; GET takes at most {KestrelLimits.MaxGetQueryBytes:N0}. Send the request with POST.",
                new Dictionary<string, object?> { ["limit"] = KestrelLimits.MaxGetQueryBytes });
        }
        var query = request.Query;
        var text = query["query"].ToString();
        var id = query["id"].ToString();
        var operationName = query["operationName"].ToString();
        var parameters = new GraphQLRequestParameters(
            text,
            string.IsNullOrEmpty(operationName) ? null : operationName,
            ParseJsonObject(query["variables"].ToString(), "variables"),
            ParseJsonObject(query["extensions"].ToString(), "extensions"),
            string.IsNullOrEmpty(id) ? null : id);
        if (text.Length == 0 && !parameters.IsPersisted)
            throw BadRequest("The query parameter is missing: send ?query=… (or ?id= for a persisted operation).");
        return parameters;
    }

    /// <summary>One request, or several for a batch (a JSON array).</summary>
    public GraphQLRequestParameters[] FromJsonBody(ReadOnlyMemory<byte> body, int maxBatchSize, out bool isBatch)
    {
        if (body.IsEmpty)
            throw BadRequest("The request body is empty: POST a JSON object such as {\"query\": \"{ __typename }\"}.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            isBatch = root.ValueKind == JsonValueKind.Array;
            if (!isBatch)
                return [Read(root)];
            var count = root.GetArrayLength();
            if (count == 0)
                throw BadRequest("The batch is empty: POST an array of one or more GraphQL requests.");
            if (count > maxBatchSize)
                throw BadRequest($"A batch may carry at most {maxBatchSize} operations; this one carries {count}.");
            return root.EnumerateArray().Select(Read).ToArray();
        }
    }

    /// <summary>
    /// Reading strings and variables can still fail on text the parser let through: invalid UTF-8 or a lone
    /// surrogate escape inside a string, or a key given twice inside variables. Those are bad requests too.
    /// </summary>
    private GraphQLRequestParameters Read(JsonElement element)
    {
        try
        {
            return FromElement(element);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            throw BadRequest("The request body is not valid JSON text: a string holds invalid UTF-8 or a lone surrogate, or an object repeats a key.");
        }
    }

    private GraphQLRequestParameters FromElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw BadRequest("A GraphQL request must be a JSON object with a \"query\" string.");
        string? query = null, operationName = null, id = null;
        Inputs? variables = null, extensions = null;
        ReadVariables? read = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "query":
                    query = property.Value.ValueKind == JsonValueKind.String
                        ? _queries.Get(property.Value, static value => value.GetString()!)
                        : property.Value.ValueKind == JsonValueKind.Null ? null : throw BadRequest("\"query\" must be a string.");
                    break;
                case "operationName":
                    operationName = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => throw BadRequest("\"operationName\" must be a string or null."),
                    };
                    break;
                case "id" or "documentId":
                    id = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => throw BadRequest($"\"{property.Name}\" must be a string or null."),
                    };
                    break;
                case "variables":
                    if (property.Value.ValueKind == JsonValueKind.Object)
                    {
                        read = _variables.Get(property.Value, value => new ReadVariables(serializer.ReadNode<Inputs>(value)!, serializer));
                        variables = read.Inputs;
                    }
                    else
                    {
                        variables = ReadObject(property.Value, "variables");
                    }
                    break;
                case "extensions":
                    extensions = ReadObject(property.Value, "extensions");
                    break;
            }
        }
        var parameters = new GraphQLRequestParameters(query ?? "", operationName, variables, extensions, string.IsNullOrEmpty(id) ? null : id)
        {
            ReadVariables = read,
        };
        if (parameters.Query.Length == 0 && !parameters.IsPersisted)
            throw BadRequest("The \"query\" parameter is missing or empty.");
        return parameters;
    }

    private Inputs? ReadObject(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Object => serializer.ReadNode<Inputs>(value),
        JsonValueKind.Null => null,
        _ => throw BadRequest($"\"{name}\" must be a JSON object or null."),
    };

    private Inputs? ParseJsonObject(string text, string name)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return ReadObject(document.RootElement, name);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            throw BadRequest($"The {name} parameter is not valid JSON (or repeats a key).");
        }
    }

    private static RequestRefusedException BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);
}
