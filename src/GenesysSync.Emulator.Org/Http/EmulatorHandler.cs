using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysSync.Emulator.Http;

/// <summary>
/// The in-process transport: turns an HttpRequestMessage into an org request and the outcome back into an
/// HttpResponseMessage. Scheme and host are ignored. Injected transport faults (connection reset, lost response)
/// surface as HttpRequestException wrapping an IOException, as a dropped connection does with a real HttpClient.
/// </summary>
internal sealed class EmulatorHandler : HttpMessageHandler
{
    private static readonly Uri Placeholder = new("http://emulator.invalid/");
    private readonly EmulatorOrg _org;

    public EmulatorHandler(EmulatorOrg org) => _org = org;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? Placeholder;
        if (!uri.IsAbsoluteUri) uri = new Uri(Placeholder, uri);
        var body = request.Content == null ? new byte[0] : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
        var contentType = request.Content?.Headers.ContentType?.ToString();

        var apiRequest = new ApiRequest(request.Method.Method, uri.AbsolutePath, uri.Query, authorization, contentType, body);
        var outcome = await _org.ProcessAsync(apiRequest, cancellationToken).ConfigureAwait(false);

        if (outcome.TransportFault == FaultKind.ConnectionReset) throw ConnectionFailure("The connection was reset by the emulated org.");
        if (outcome.Delay > TimeSpan.Zero) await _org.Options.TimeProvider.Delay(outcome.Delay, cancellationToken).ConfigureAwait(false);
        if (outcome.TransportFault == FaultKind.LostResponse) throw ConnectionFailure("The connection closed before the response arrived.");

        return ToMessage(outcome.Response!, request);
    }

    private static HttpRequestException ConnectionFailure(string message)
        => new(message, new IOException("Emulated transport failure: " + message));

    private static HttpResponseMessage ToMessage(ApiResponse response, HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(response.Body),
        };
        if (response.ContentType != null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(response.ContentType);
        foreach (var header in response.Headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }
}
