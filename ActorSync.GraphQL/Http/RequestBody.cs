using System.Buffers;
using ActorSync.GraphQL.Errors;
using Microsoft.AspNetCore.Http;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// Reads a POST body into a pooled buffer, within <see cref="GraphQLHttpOptions.MaxBodyBytes"/> and
/// <see cref="GraphQLHttpOptions.BodyReadTimeout"/>. What goes wrong at the HTTP level becomes a refusal with a
/// GraphQL error instead of an exception for the error handler (a 500): a body that stalls (our time bound, or
/// Kestrel's minimum data rate) is 408 <c>REQUEST_TIMEOUT</c>; one cut short or malformed (the client closed before
/// Content-Length, a broken chunk) is 400 <c>BAD_REQUEST</c>; one too large is 413 <c>PAYLOAD_TOO_LARGE</c>.
/// </summary>
public static class RequestBody
{
    /// <summary>The body in a pooled buffer (the caller returns it to <see cref="ArrayPool{T}.Shared"/>) and the part holding the JSON.</summary>
    public static async Task<(byte[] Buffer, ReadOnlyMemory<byte> Json)> ReadAsync(HttpRequest request, GraphQLHttpOptions options)
    {
        var limit = options.MaxBodyBytes;
        if (request.ContentLength > limit)
            throw TooLarge(limit);
        var aborted = request.HttpContext.RequestAborted;
        // One bound on the whole read: Kestrel's minimum data rate alone lets a client trickle 240 bytes a second.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(options.BodyReadTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 4096, 512, limit) + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0)
            {
                length += read;
                if (length > limit)
                    throw TooLarge(limit);
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw Stalled(options.BodyReadTimeout, length, request.ContentLength);
        }
        catch (Exception gone) when (gone is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client ended the connection mid-body (Kestrel takes even a half-close as the end): no one reads the
            // answer, but the refusal is recorded as what it is, a body cut short.
            ArrayPool<byte>.Shared.Return(buffer);
            throw Malformed(StatusCodes.Status400BadRequest, length, request.ContentLength);
        }
        catch (BadHttpRequestException rejected)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw rejected.StatusCode == StatusCodes.Status408RequestTimeout
                ? Stalled(options.BodyReadTimeout, length, request.ContentLength)
                : Malformed(rejected.StatusCode, length, request.ContentLength);
        }
        catch (IOException) when (!aborted.IsCancellationRequested)
        {
            // Kestrel reports some framing errors as plain IOExceptions (a chunk size past 64 bits: "Bad chunk size data").
            ArrayPool<byte>.Shared.Return(buffer);
            throw Malformed(StatusCodes.Status400BadRequest, length, request.ContentLength);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        var body = buffer.AsMemory(0, length);
        // JSON allows a UTF-8 byte order mark; System.Text.Json does not.
        return (buffer, body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body);
    }

    public static RequestRefusedException TooLarge(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            limit % 1024 == 0 ? $"The request body is larger than {limit / 1024} KiB." : $"The request body is larger than {limit} bytes.",
            new Dictionary<string, object?> { ["limit"] = limit });

    private static RequestRefusedException Stalled(TimeSpan bound, int received, long? announced) =>
        new(StatusCodes.Status408RequestTimeout, ErrorCodes.RequestTimeout,
            $"The request body did not arrive in time ({Received(received, announced)}); send it whole within {bound.TotalSeconds:0.#} s.",
            new Dictionary<string, object?> { ["limit"] = $"{bound.TotalSeconds:0.#} s" });

    /// <summary>Kestrel's own 413 (its MaxRequestBodySize) stays a 413; anything else it rejects is a bad request.</summary>
    private static RequestRefusedException Malformed(int status, int received, long? announced) =>
        status == StatusCodes.Status413PayloadTooLarge
            ? new(status, ErrorCodes.PayloadTooLarge, "The request body is larger than the server accepts.")
            : new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest,
                $"The request body is incomplete or malformed at the HTTP level ({Received(received, announced)}).");

    private static string Received(int received, long? announced) =>
        announced is { } length ? $"{received} of {length} bytes received" : $"{received} bytes received";
}
