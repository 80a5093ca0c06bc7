using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace GenesysSync.Emulator;

/// <summary>
/// HttpContext ⇄ the org's in-process handler. A transport fault from the org (connection reset, lost response)
/// aborts the connection, so a remote client sees exactly what a dropped connection looks like.
/// </summary>
internal sealed class HttpBridge
{
    private readonly HttpMessageInvoker _invoker;

    public HttpBridge(HttpMessageInvoker invoker) => _invoker = invoker;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var uri = new Uri("http://" + (request.Host.HasValue ? request.Host.Value : "emulator") + request.PathBase + request.Path + request.QueryString);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > 0 || request.ContentType != null)
        {
            message.Content = new ByteArrayContent(buffer.ToArray());
            if (request.ContentType != null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        if (request.Headers.Authorization.Count > 0) message.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());

        HttpResponseMessage reply;
        try
        {
            reply = await _invoker.SendAsync(message, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            context.Abort();
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        using (reply)
        {
            var response = context.Response;
            response.StatusCode = (int)reply.StatusCode;
            foreach (var header in reply.Headers) response.Headers[header.Key] = string.Join(",", header.Value);
            var body = await reply.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
            if (reply.Content.Headers.ContentType != null) response.ContentType = reply.Content.Headers.ContentType.ToString();
            // 204/304 carry no body and no Content-Length: Kestrel closes the connection after one that has it, and the
            // client's next request on that pooled connection then fails with "response ended prematurely".
            if (response.StatusCode != 204 && response.StatusCode != 304)
            {
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
