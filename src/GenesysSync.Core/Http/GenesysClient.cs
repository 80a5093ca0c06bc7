using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api.Models;
using Polly;
using Polly.Retry;

namespace GenesysSync.Http;

/// <summary>
/// The one throttled, retrying client of a connection (one HttpClient). Safe for concurrent use.
/// Each request: circuit check → concurrency slot → rate slot on the token with budget soonest →
/// fresh token → send; 401 refreshes that token once and replays; 429/408/502/503/504 and
/// transport errors are retried by a Polly pipeline (Retry-After honoured, else backoff).
/// </summary>
public sealed class GenesysClient : IDisposable
{
    private static readonly ResiliencePropertyKey<RequestState> StateKey = new("GenesysSync.Request");
    private static readonly HttpMethod Patch = new("PATCH");

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly TokenPool _pool;
    private readonly CircuitBreaker _breaker;
    private readonly SemaphoreSlim _concurrency;
    private readonly ResiliencePipeline<RawResponse> _pipeline;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Random _random = new();

    private GenesysClient(GenesysClientOptions options)
    {
        Options = options;
        _clock = options.TimeProvider;
        Stats = new ClientStats();
        var connections = options.MaxConcurrency * options.Credentials.Count;
        if (options.Transport != null) _http = new HttpClient(options.Transport, disposeHandler: false);
        else
        {
            // Windows PowerShell 5.1 (.NET Framework): allow TLS 1.2 and lift the 2-connections-per-host default.
            HttpPlatform.EnsureTls12();
            HttpPlatform.RaiseConnectionLimit(connections + 2, options.ApiBaseUri, options.LoginBaseUri, options.AppsBaseUri);
            _http = new HttpClient(HttpPlatform.CreateHandler(connections + 2));
        }
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeout runs on the TimeProvider instead
        // .NET Framework sends "Expect: 100-continue" on every POST/PUT and waits up to 350 ms for a 100 reply first.
        _http.DefaultRequestHeaders.ExpectContinue = false;
        var window = TimeSpan.FromMinutes(1) + options.RateWindowMargin;
        _pool = new TokenPool(
            options.Credentials.Select((c, i) => new PooledToken(i, c, new SlidingWindowRateLimiter(options.RequestsPerMinute, window))),
            _clock);
        _concurrency = new SemaphoreSlim(options.MaxConcurrency * options.Credentials.Count);
        _breaker = new CircuitBreaker(options.CircuitBreakerThreshold, options.CircuitBreakDuration, _clock);
        _breaker.StateChanged += OnCircuitStateChanged;
        _pipeline = BuildRetryPipeline();
    }

    public GenesysClientOptions Options { get; }
    public ClientStats Stats { get; }
    public Uri ApiBaseUri => Options.ApiBaseUri!;
    public TimeProvider TimeProvider => _clock;

    /// <summary>Tokens of the pool (client id and expiry; never the token).</summary>
    public IReadOnlyList<GenesysTokenInfo> Tokens
        => _pool.Tokens.Select(t => new GenesysTokenInfo(t.Credential.ClientId, t.State?.ExpiresAt ?? DateTimeOffset.MinValue, Options.RequestsPerMinute)).ToArray();

    /// <summary>Total request budget per minute (per-token budget × tokens).</summary>
    public int RequestsPerMinuteTotal => Options.RequestsPerMinute * Options.Credentials.Count;

    /// <summary>Validates the options and gets a token for every credential.</summary>
    /// <exception cref="ArgumentException">Invalid options (e.g. http to a non-loopback host).</exception>
    /// <exception cref="GenesysAuthenticationException">A credential was rejected.</exception>
    public static async Task<GenesysClient> ConnectAsync(GenesysClientOptions options, CancellationToken cancellationToken = default)
    {
        if (options == null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var client = new GenesysClient(options);
        try
        {
            await Task.WhenAll(client._pool.Tokens.Select(t => client.FetchTokenAsync(t, null, cancellationToken))).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends a JSON request to the API host (<paramref name="pathAndQuery"/> is relative to <see cref="ApiBaseUri"/>);
    /// returns the 2xx response or throws a <see cref="GenesysApiException"/>.
    /// </summary>
    public Task<GenesysResponse> SendAsync(HttpMethod method, string pathAndQuery, object? jsonBody = null, CancellationToken cancellationToken = default)
    {
        if (method == null) throw new ArgumentNullException(nameof(method));
        if (pathAndQuery == null) throw new ArgumentNullException(nameof(pathAndQuery));
        var body = jsonBody == null ? null : JsonSerializer.SerializeToUtf8Bytes(jsonBody, jsonBody.GetType(), GenesysJson.Options);
        Func<HttpContent>? content = body == null ? null : () =>
        {
            var c = new ByteArrayContent(body);
            c.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return c;
        };
        return SendCoreAsync(method, ResolveUri(pathAndQuery), content, null, cancellationToken);
    }

    /// <summary>
    /// Sends a request whose body is built by <paramref name="contentFactory"/> (called once per attempt), e.g. multipart uploads.
    /// The URI may be absolute: the bearer token is attached only for the API and apps hosts (a presigned
    /// upload URL elsewhere gets no token). Absolute URIs must be https (http only for loopback).
    /// </summary>
    public Task<GenesysResponse> SendRawAsync(HttpMethod method, Uri uri, Func<HttpContent>? contentFactory, CancellationToken cancellationToken = default)
    {
        if (method == null) throw new ArgumentNullException(nameof(method));
        if (uri == null) throw new ArgumentNullException(nameof(uri));
        CheckScheme(uri);
        return SendCoreAsync(method, uri.IsAbsoluteUri ? uri : ResolveUri(uri.OriginalString), contentFactory, null, cancellationToken);
    }

    /// <summary>Absolute URIs must be https (http only for loopback).</summary>
    private static void CheckScheme(Uri uri)
    {
        if (uri.IsAbsoluteUri && uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost")))
            throw new ArgumentException($"'{uri.GetLeftPart(UriPartial.Authority)}' must use https.", nameof(uri));
    }

    /// <summary>
    /// GETs <paramref name="uri"/> and streams a 2xx body into <paramref name="destination"/> (never held in memory), through
    /// the same pipeline as every request (rate limit, token, retries, 401 refresh). Like <see cref="SendRawAsync"/>, the
    /// URI may be absolute and the bearer token goes only to the API and apps hosts (a presigned storage URL gets none).
    /// Each attempt starts the destination over (it is truncated to zero first), so a retry after a body cut midway
    /// leaves exactly one copy. An error status is read (small) and thrown as a <see cref="GenesysApiException"/>.
    /// Returns the bytes written.
    /// </summary>
    /// <param name="destination">A writable, seekable stream; left open, positioned at the end of the body.</param>
    public async Task<long> DownloadAsync(Uri uri, Stream destination, CancellationToken cancellationToken = default)
    {
        if (uri == null) throw new ArgumentNullException(nameof(uri));
        if (destination == null) throw new ArgumentNullException(nameof(destination));
        if (!destination.CanWrite || !destination.CanSeek) throw new ArgumentException("The destination must be writable and seekable (a retry starts it over).", nameof(destination));
        CheckScheme(uri);
        var sink = new BodySink(destination);
        await SendCoreAsync(HttpMethod.Get, uri.IsAbsoluteUri ? uri : ResolveUri(uri.OriginalString), null, sink, cancellationToken).ConfigureAwait(false);
        return sink.Written;
    }

    /// <summary>
    /// <see cref="DownloadAsync(Uri, Stream, CancellationToken)"/> into a file at <paramref name="path"/> (created or
    /// overwritten). A download that fails deletes the partial file. Returns the bytes written.
    /// </summary>
    public async Task<long> DownloadToFileAsync(Uri uri, string path, CancellationToken cancellationToken = default)
    {
        if (uri == null) throw new ArgumentNullException(nameof(uri));
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A file path is required.", nameof(path));
        CheckScheme(uri);
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, DownloadBufferSize, useAsync: true);
            return await DownloadAsync(uri, file, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    public async Task<T> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken = default)
        => ReadRequired<T>(await SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken).ConfigureAwait(false), "GET", pathAndQuery);

    public async Task<T> PostAsync<T>(string pathAndQuery, object? body, CancellationToken cancellationToken = default)
        => ReadRequired<T>(await SendAsync(HttpMethod.Post, pathAndQuery, body, cancellationToken).ConfigureAwait(false), "POST", pathAndQuery);

    public async Task<T> PutAsync<T>(string pathAndQuery, object? body, CancellationToken cancellationToken = default)
        => ReadRequired<T>(await SendAsync(HttpMethod.Put, pathAndQuery, body, cancellationToken).ConfigureAwait(false), "PUT", pathAndQuery);

    public async Task<T> PatchAsync<T>(string pathAndQuery, object? body, CancellationToken cancellationToken = default)
        => ReadRequired<T>(await SendAsync(Patch, pathAndQuery, body, cancellationToken).ConfigureAwait(false), "PATCH", pathAndQuery);

    public Task DeleteAsync(string pathAndQuery, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Delete, pathAndQuery, null, cancellationToken);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested) return;
        _disposed.Cancel();
        _http.Dispose();
    }

    // ---------------------------------------------------------------- request flow

    private async Task<GenesysResponse> SendCoreAsync(HttpMethod method, Uri uri, Func<HttpContent>? content, BodySink? sink, CancellationToken cancellationToken)
    {
        if (_disposed.IsCancellationRequested) throw new ObjectDisposedException(nameof(GenesysClient));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var state = new RequestState(method, uri, content, RouteTemplate.ForRequest(method.Method, uri.AbsolutePath), isToken: false) { Sink = sink };
        RawResponse response;
        try
        {
            response = await ExecuteWithRetriesAsync(state, linked.Token).ConfigureAwait(false);
        }
        catch (DownloadWriteException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
            throw;
        }
        if (response.Status >= 200 && response.Status < 300)
            return new GenesysResponse(response.Status, response.Body, response.ContextId, state.Attempt, state.Route);
        throw ErrorMapper.FromResponse(state.Route, response.Status, response.Body, response.ContextId, state.Attempt, state.GiveUpReason, response.RetryAfter);
    }

    private static string Because(RequestState state) => state.GiveUpReason is null ? "" : "; " + state.GiveUpReason;

    /// <summary>Runs attempts through the retry pipeline and turns a final exception into a typed one.</summary>
    private async Task<RawResponse> ExecuteWithRetriesAsync(RequestState state, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, s) => s.Client.AttemptAsync(s.State, ctx.CancellationToken),
                context,
                (Client: this, State: state)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException ex)
        {
            throw new GenesysTimeoutException($"{state.Route} got no response within {Options.RequestTimeout.TotalSeconds:0.#} s after {state.Attempt} attempt(s){Because(state)}.", innerException: ex)
                { Route = state.Route, Attempts = state.Attempt };
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            var host = state.Uri.IsAbsoluteUri ? state.Uri.Authority : "the server";
            throw ClassifyTransport(ex) switch
            {
                TransportFailure.NotConnected => new GenesysTransportException(
                    $"{state.Route} failed after {state.Attempt} attempt(s): could not reach {host} ({Describe(ex)}){Because(state)}. Check the network, proxy and DNS, and that the region is right.", ex)
                    { Route = state.Route, Attempts = state.Attempt },
                TransportFailure.Tls => new GenesysTransportException(
                    $"{state.Route} failed: the TLS connection to {host} could not be established ({Describe(ex)}). Genesys Cloud needs TLS 1.2 or later; " +
                    "check that TLS 1.2 is enabled on this machine, the system clock, and any proxy that inspects HTTPS.", ex, isRetryable: false)
                    { Route = state.Route, Attempts = state.Attempt },
                _ => new GenesysTransportException(
                    $"{state.Route} failed after {state.Attempt} attempt(s): the connection to {host} was lost ({Describe(ex)}){Because(state)}.", ex)
                    { Route = state.Route, Attempts = state.Attempt },
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<RawResponse> AttemptAsync(RequestState state, CancellationToken cancellationToken)
    {
        state.Attempt++;
        if (state.IsToken) return await SendOnceAsync(state, null, cancellationToken).ConfigureAwait(false);

        var refusal = _breaker.TryEnter(out var isProbe, out var lastStatus);
        if (refusal.HasValue)
        {
            Stats.RecordCircuitRejection();
            throw new GenesysCircuitOpenException(
                $"{state.Route} was not sent: the circuit breaker is open after {Options.CircuitBreakerThreshold} consecutive server errors (last HTTP {lastStatus}). " +
                $"Genesys Cloud looks unhealthy; requests fail fast for {refusal.Value.TotalSeconds:0} more second(s).",
                refusal.Value, lastStatus) { Route = state.Route, Attempts = state.Attempt };
        }

        var answered = false;
        try
        {
            await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var reservation = _pool.Reserve();
                var token = await WaitForSlotAndTokenAsync(reservation, state, cancellationToken).ConfigureAwait(false);
                var response = await SendCountedAsync(reservation, state, token, cancellationToken).ConfigureAwait(false);

                if (response.Status == 401)
                {
                    // The token may have been revoked or expired early: refresh it once and replay. Once per
                    // attempt: a later retry (after a 503, say) may meet a token that expired since.
                    await FetchTokenAsync(reservation.Token, token, cancellationToken).ConfigureAwait(false);
                    var replay = _pool.Reserve(reservation.Token);
                    token = await WaitForSlotAndTokenAsync(replay, state, cancellationToken).ConfigureAwait(false);
                    response = await SendCountedAsync(replay, state, token, cancellationToken).ConfigureAwait(false);
                }

                if (response.Status == 429)
                {
                    // Never pause the token longer than we would wait for one retry: a Retry-After of a day makes this
                    // request give up (ShouldRetry) and must not stall every later request for a day.
                    var pause = response.RetryAfter ?? Options.RetryBaseDelay;
                    _pool.Pause(reservation.Token, pause > Options.MaxRetryWait ? Options.MaxRetryWait : pause);
                }

                answered = true;
                _breaker.OnResult(response.Status, isProbe);
                return response;
            }
            finally
            {
                _concurrency.Release();
            }
        }
        catch (Exception ex) when (!answered)
        {
            if (IsTransportError(ex) || ex is TimeoutException) _breaker.OnNoResponse(isProbe);
            else _breaker.OnAbandoned(isProbe);
            throw;
        }
    }

    /// <summary>
    /// Waits until the reserved send time has come, gets a fresh token, then re-checks the budget
    /// (and any 429 pause) at the last moment and records the send.
    /// </summary>
    private async Task<TokenState> WaitForSlotAndTokenAsync(Reservation reservation, RequestState state, CancellationToken cancellationToken)
    {
        try
        {
            var wait = reservation.Slot.Time - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                Log(new GenesysLogEvent(GenesysLogKind.Throttled, $"{state.Route} waits {Seconds(wait)} for rate-limit budget.")
                    { Method = state.Method.Method, Route = state.Route, Attempt = state.Attempt, RetryDelay = wait });
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            var token = await GetFreshTokenAsync(reservation.Token, cancellationToken).ConfigureAwait(false);
            for (var more = _pool.TryMarkSent(reservation); more.HasValue; more = _pool.TryMarkSent(reservation))
                await _clock.Delay(more.Value, cancellationToken).ConfigureAwait(false);
            return token;
        }
        catch
        {
            _pool.Release(reservation);
            throw;
        }
    }

    /// <summary>Sends, then moves the request's place in the budget window to when the answer arrived.</summary>
    private async Task<RawResponse> SendCountedAsync(Reservation reservation, RequestState state, TokenState token, CancellationToken cancellationToken)
    {
        try
        {
            return await SendOnceAsync(state, token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pool.MarkAnswered(reservation);
        }
    }

    /// <summary>One HTTP exchange; records stats and a log event, never retries.</summary>
    private async Task<RawResponse> SendOnceAsync(RequestState state, TokenState? token, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        using var request = new HttpRequestMessage(state.Method, state.Uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The token goes only to our own API/apps hosts, never to a foreign (e.g. presigned upload) URL.
        if (token != null && IsOwnHost(state.Uri)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        if (state.AuthorizationOverride != null) request.Headers.Authorization = state.AuthorizationOverride;
        if (state.Content != null) request.Content = state.Content();

        using var timeout = Options.RequestTimeout == Timeout.InfiniteTimeSpan ? null : _clock.CreateCancellationTokenSource(Options.RequestTimeout);
        using var linked = timeout == null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var effective = linked?.Token ?? cancellationToken;
        try
        {
            // With a body sink only the headers are awaited here: a 2xx body is then copied to the sink, never buffered.
            var completion = state.Sink == null ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead;
            using var response = await _http.SendAsync(request, completion, effective).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            byte[] body;
            if (state.Sink != null && status is >= 200 and < 300)
            {
                // A big export may take longer than RequestTimeout in all: the body is timed per read instead (a stall),
                // not by the attempt's clock, which covered only the wait for the headers.
                await state.Sink.CopyAsync(response, cancellationToken, _clock, Options.RequestTimeout).ConfigureAwait(false);
                body = Array.Empty<byte>();
            }
            else body = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var raw = new RawResponse(status, body, RetryAfterOf(response), ContextIdOf(response));
            RecordAttempt(state, status, started, null);
            return raw;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout?.IsCancellationRequested == true)
        {
            RecordAttempt(state, 0, started, "timeout");
            throw new TimeoutException($"No response within {Options.RequestTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled, but not by the caller nor by our own timeout: the HTTP stack gave up (HttpClient.Timeout,
            // a handler's own timeout, .NET Framework's request abort). That is a timeout, never a user's Ctrl+C.
            RecordAttempt(state, 0, started, "timeout");
            throw new TimeoutException("The HTTP stack gave up waiting for a response (" + ex.Message + ").", ex);
        }
        catch (Exception ex) when (IsTransportError(ex) && !cancellationToken.IsCancellationRequested)
        {
            RecordAttempt(state, 0, started, Describe(ex));
            throw;
        }
        catch (TimeoutException)
        {
            RecordAttempt(state, 0, started, "the download stalled");
            throw;
        }
    }

    private void RecordAttempt(RequestState state, int status, long startedTimestamp, string? failure)
    {
        if (!state.IsToken) Stats.RecordAttempt(state.Route, status);
        var duration = _clock.GetElapsedTime(startedTimestamp);
        var outcome = status == 0 ? "no response (" + failure + ")" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Log(new GenesysLogEvent(GenesysLogKind.Response, $"{state.Route} -> {outcome} in {duration.TotalMilliseconds:0} ms (attempt {state.Attempt})")
            { Method = state.Method.Method, Route = state.Route, StatusCode = status == 0 ? null : status, Duration = duration, Attempt = state.Attempt });
    }

    // ---------------------------------------------------------------- retry policy

    private ResiliencePipeline<RawResponse> BuildRetryPipeline()
    {
        var builder = new ResiliencePipelineBuilder<RawResponse> { TimeProvider = _clock };
        if (Options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<RawResponse>
            {
                // 429s do not count against MaxRetries (see ShouldRetry); this only stops a runaway loop.
                MaxRetryAttempts = Options.MaxRetries + MaxThrottledRetries,
                BackoffType = DelayBackoffType.Exponential,
                // Delays come from RetryDelay (Retry-After or our own capped backoff); no Polly cap,
                // so a long Retry-After is honoured rather than shortened into another 429.
                Delay = Options.RetryBaseDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelay(args.Outcome, args.AttemptNumber)),
                OnRetry = args =>
                {
                    OnRetry(args.Outcome, args.Context, args.RetryDelay, args.AttemptNumber);
                    return default;
                },
            });
        }
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<RawResponse> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested) return false;
        var state = context.Properties.GetValue(StateKey, null!);
        var retryable = outcome.Exception != null
            ? IsTransportError(outcome.Exception) || outcome.Exception is TimeoutException
            : IsRetryableStatus(outcome.Result!.Status);
        if (!retryable) return false;
        // A create whose outcome is unknown is never re-sent blindly: that is how duplicates are made.
        var transport = outcome.Exception != null && IsTransportError(outcome.Exception) ? ClassifyTransport(outcome.Exception) : (TransportFailure?)null;
        if (transport == TransportFailure.Tls)
        {
            // A certificate or protocol problem does not go away by asking again.
            state.GiveUpReason = "the TLS handshake failed";
            LogGiveUp(state, outcome);
            return false;
        }
        // A connection that could not be made carried nothing to the server: any request may go again.
        var outcomeUnknown = (outcome.Exception != null && transport != TransportFailure.NotConnected) || outcome.Result?.Status is 502 or 504;
        if (outcomeUnknown && !state.IsToken && !Idempotency.IsSafeToRepeat(state.Route))
        {
            state.GiveUpReason = "no reliable reply and the request is not safe to repeat (it may have been applied), so it was not re-sent";
            LogGiveUp(state, outcome);
            return false;
        }

        var retryAfter = outcome.Result?.RetryAfter;
        if (retryAfter > Options.MaxRetryWait)
        {
            state.GiveUpReason = $"Retry-After {Seconds(retryAfter.Value)} exceeds the maximum wait of {Seconds(Options.MaxRetryWait)}";
            LogGiveUp(state, outcome);
            return false;
        }
        if (IsThrottledWithRetryAfter(outcome))
        {
            // The server says when to come back, and a 429 storm (another integration using the org's budget)
            // passes: keep honouring it while the waits for this request stay within MaxRetryWait in total.
            // A 429 without Retry-After is an ordinary retry, counted against MaxRetries.
            if (state.ThrottledWait + retryAfter!.Value > Options.MaxRetryWait || state.ThrottledRetries >= MaxThrottledRetries)
            {
                state.GiveUpReason = $"still rate limited after {state.Attempt} attempts and {Seconds(state.ThrottledWait)} of waiting (the maximum is {Seconds(Options.MaxRetryWait)})";
                LogGiveUp(state, outcome);
                return false;
            }
            return true;
        }
        if (state.OtherRetries >= Options.MaxRetries)
        {
            state.GiveUpReason = $"gave up after {state.Attempt} attempts";
            LogGiveUp(state, outcome);
            return false;
        }
        return true;
    }

    private static bool IsThrottledWithRetryAfter(Outcome<RawResponse> outcome)
        => outcome.Result is { Status: 429, RetryAfter: not null };

    /// <summary>Upper bound of 429 retries for one request, whatever their waits add up to.</summary>
    private const int MaxThrottledRetries = 100;

    private TimeSpan? RetryDelay(Outcome<RawResponse> outcome, int attemptNumber)
    {
        var retryAfter = outcome.Result?.RetryAfter;
        if (retryAfter.HasValue)
        {
            // Honour Retry-After, plus a little jitter so a crowd of waiters does not return at once.
            return retryAfter.Value + TimeSpan.FromMilliseconds(NextDouble() * Math.Min(1000, retryAfter.Value.TotalMilliseconds * 0.1 + 100));
        }
        // Capped exponential backoff with "equal jitter": half fixed, half random.
        var exponential = Math.Min(Options.RetryMaxDelay.TotalMilliseconds, Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber));
        exponential = Math.Min(exponential, Options.MaxRetryWait.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(exponential / 2 + NextDouble() * exponential / 2);
    }

    private void OnRetry(Outcome<RawResponse> outcome, ResilienceContext context, TimeSpan delay, int attemptNumber)
    {
        Stats.RecordRetry();
        var state = context.Properties.GetValue(StateKey, null!);
        var reason = outcome.Exception != null ? Describe(outcome.Exception) : "HTTP " + outcome.Result!.Status;
        var retryAfter = outcome.Result?.RetryAfter is { } ra ? $", Retry-After {Seconds(ra)}" : "";
        string which;
        if (IsThrottledWithRetryAfter(outcome))
        {
            state.ThrottledRetries++;
            state.ThrottledWait += delay;
            which = $"retry {attemptNumber + 1} (rate limited: {Seconds(state.ThrottledWait)} of {Seconds(Options.MaxRetryWait)} waited)";
        }
        else
        {
            state.OtherRetries++;
            which = $"retry {state.OtherRetries} of {Options.MaxRetries}";
        }
        Log(new GenesysLogEvent(GenesysLogKind.Retry,
                $"{state.Route} {which} in {Seconds(delay)} after {reason}{retryAfter}")
            { Method = state.Method.Method, Route = state.Route, StatusCode = outcome.Result?.Status, Attempt = state.Attempt, RetryDelay = delay });
    }

    private void LogGiveUp(RequestState state, Outcome<RawResponse> outcome)
        => Log(new GenesysLogEvent(GenesysLogKind.GiveUp, $"{state.Route} not retried: {state.GiveUpReason}")
            { Method = state.Method.Method, Route = state.Route, StatusCode = outcome.Result?.Status, Attempt = state.Attempt });

    private static bool IsRetryableStatus(int status) => status is 408 or 429 or 502 or 503 or 504;

    private static bool IsTransportError(Exception ex) => ex is HttpRequestException or IOException;

    private enum TransportFailure { Lost, NotConnected, Tls }

    /// <summary>
    /// What a transport failure means: the connection could not be made (DNS, refused: nothing was sent), the TLS
    /// handshake failed (certificate, protocol: retrying will not help), or it was lost (the request may have arrived).
    /// Reads the shapes of both .NET (SocketException, AuthenticationException) and .NET Framework (WebException.Status).
    /// </summary>
    private static TransportFailure ClassifyTransport(Exception ex)
    {
        for (var e = ex; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case System.Security.Authentication.AuthenticationException:
                    return TransportFailure.Tls;
                case WebException web when web.Status is WebExceptionStatus.SecureChannelFailure or WebExceptionStatus.TrustFailure:
                    return TransportFailure.Tls;
                case WebException web when web.Status is WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ConnectFailure
                    or WebExceptionStatus.ProxyNameResolutionFailure:
                    return TransportFailure.NotConnected;
                case System.Net.Sockets.SocketException socket when socket.SocketErrorCode is System.Net.Sockets.SocketError.HostNotFound
                    or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.ConnectionRefused:
                    return TransportFailure.NotConnected;
            }
        }
        return TransportFailure.Lost;
    }

    // ---------------------------------------------------------------- tokens

    private async Task<TokenState> GetFreshTokenAsync(PooledToken token, CancellationToken cancellationToken)
    {
        var state = token.State;
        if (state != null && _clock.GetUtcNow() < state.RefreshAt) return state;
        return await FetchTokenAsync(token, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches a new token unless someone else already replaced <paramref name="seen"/> meanwhile
    /// (so a burst of 401s or expiries refreshes once).
    /// </summary>
    private async Task<TokenState> FetchTokenAsync(PooledToken token, TokenState? seen, CancellationToken cancellationToken)
    {
        await token.RefreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = token.State;
            if (current != seen && current != null && _clock.GetUtcNow() < current.RefreshAt) return current;

            // Lifetimes count from before the request: the server starts the clock when it issues the token.
            var now = _clock.GetUtcNow();
            var fetched = await RequestTokenAsync(token.Credential, cancellationToken).ConfigureAwait(false);
            var lifetime = TokenLifetime(fetched.ExpiresIn);
            // Refresh a buffer before expiry, but never sooner than halfway for short-lived tokens.
            var refreshAfter = lifetime - Options.TokenRefreshBuffer;
            if (refreshAfter < TimeSpan.FromTicks(lifetime.Ticks / 2)) refreshAfter = TimeSpan.FromTicks(lifetime.Ticks / 2);
            var next = new TokenState(fetched.AccessToken, now + lifetime, now + refreshAfter, (current?.Generation ?? 0) + 1);
            token.State = next;

            if (current != null) Stats.RecordTokenRefresh();
            Log(new GenesysLogEvent(current == null ? GenesysLogKind.TokenAcquired : GenesysLogKind.TokenRefreshed,
                $"Token {(current == null ? "acquired" : "refreshed")} for OAuth client {MaskedClientId(token.Credential)} (expires in {Seconds(lifetime)}).")
                { Method = "POST", Route = "/oauth/token" });
            return next;
        }
        finally
        {
            token.RefreshLock.Release();
        }
    }

    /// <summary>Lifetime assumed when the token reply has no usable <c>expires_in</c> (the platform's default is 24 h; a 401 refreshes anyway).</summary>
    internal static readonly TimeSpan UnknownTokenLifetime = TimeSpan.FromHours(24);
    /// <summary>The longest lifetime an OAuth client can be given (48 h); a larger value is read as this.</summary>
    internal static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(48);

    /// <summary><c>expires_in</c> (seconds; null when missing or unreadable) → the lifetime to plan with.</summary>
    internal static TimeSpan TokenLifetime(double? expiresIn)
    {
        // Zero, negative or missing says nothing usable: treating it as "expired at once" would fetch a token per request.
        if (expiresIn is not { } seconds || double.IsNaN(seconds) || seconds <= 0) return UnknownTokenLifetime;
        if (seconds >= MaxTokenLifetime.TotalSeconds) return MaxTokenLifetime;
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    private async Task<OAuthTokenResponse> RequestTokenAsync(OAuthClientCredential credential, CancellationToken cancellationToken)
    {
        var uri = new Uri(Options.LoginBaseUri!, "/oauth/token");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.ClientId + ":" + credential.ClientSecret));
        var state = new RequestState(HttpMethod.Post, uri,
            () => new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("grant_type", "client_credentials") }),
            "POST /oauth/token", isToken: true)
        {
            AuthorizationOverride = new AuthenticationHeaderValue("Basic", basic),
        };

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        RawResponse response;
        try
        {
            response = await ExecuteWithRetriesAsync(state, linked.Token).ConfigureAwait(false);
        }
        catch (GenesysApiException ex) when (ex is not GenesysAuthenticationException)
        {
            // The login host could not be reached (or the TLS handshake failed): the credentials were never checked.
            throw new GenesysAuthenticationException(
                $"Could not get a token for OAuth client {MaskedClientId(credential)} from {Options.LoginBaseUri!.Host}: {ex.Message}",
                ex.StatusCode, ex.Code, ex.ContextId, null, ex.IsRetryable, ex);
        }

        if (response.Status is >= 200 and < 300)
        {
            var parsed = TryParseToken(response.Body);
            if (parsed != null) return parsed;
            throw new GenesysAuthenticationException(
                $"The login host {Options.LoginBaseUri!.Host} answered HTTP {response.Status} without an access token for OAuth client {MaskedClientId(credential)} " +
                "(a proxy or captive portal answering instead of Genesys Cloud, or a cut reply).", response.Status, "token.missing", response.ContextId, null, isRetryable: true, null);
        }

        var (error, description) = ParseOAuthError(response.Body);
        if (IsRetryableStatus(response.Status) || response.Status >= 500)
        {
            // Throttled or unavailable even after the retries: not a verdict on the credentials.
            var code = error is null ? "" : " " + error;
            throw new GenesysAuthenticationException(
                $"The login host {Options.LoginBaseUri!.Host} did not issue a token for OAuth client {MaskedClientId(credential)} (HTTP {response.Status}{code}) " +
                $"after {state.Attempt} attempt(s). It looks unavailable or overloaded; try again later.",
                response.Status, error, response.ContextId, null, isRetryable: true, null);
        }
        var why = response.Status is 400 or 401 or 403
            ? "Check the client id and secret, that the OAuth client uses the Client Credentials grant, and that the region matches the org (a wrong region also answers 'invalid client')."
            : "The login host did not issue a token.";
        var detail = string.Join(": ", new[] { error, description }.Where(s => !string.IsNullOrEmpty(s)));
        throw new GenesysAuthenticationException(
            $"Genesys Cloud rejected OAuth client {MaskedClientId(credential)} at {Options.LoginBaseUri!.Host} (HTTP {response.Status}{(detail.Length > 0 ? " " + detail : "")}). {why}",
            response.Status, error, response.ContextId);
    }

    private static OAuthTokenResponse? TryParseToken(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var at) || at.ValueKind != JsonValueKind.String)
                return null;
            var token = at.GetString();
            if (string.IsNullOrEmpty(token)) return null;
            double? expires = null;
            if (root.TryGetProperty("expires_in", out var ei))
            {
                if (ei.ValueKind == JsonValueKind.Number) expires = ei.GetDouble();
                else if (ei.ValueKind == JsonValueKind.String && double.TryParse(ei.GetString(), System.Globalization.NumberStyles.Float,
                             System.Globalization.CultureInfo.InvariantCulture, out var s)) expires = s;
            }
            return new OAuthTokenResponse(token!, expires);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static (string? Error, string? Description) ParseOAuthError(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Str("error") ?? Str("code"), Str("error_description") ?? Str("description") ?? Str("message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Client ids are not secret, but a short form is enough to tell pool members apart.</summary>
    internal static string MaskedClientId(OAuthClientCredential credential)
    {
        var id = credential.ClientId;
        return id.Length <= 8 ? id : id.Substring(0, 8) + "…";
    }

    // ---------------------------------------------------------------- helpers

    private Uri ResolveUri(string pathAndQuery)
        => new(ApiBaseUri, pathAndQuery.StartsWith("/", StringComparison.Ordinal) ? pathAndQuery : "/" + pathAndQuery);

    private bool IsOwnHost(Uri uri)
        => SameOrigin(uri, ApiBaseUri) || (Options.AppsBaseUri != null && SameOrigin(uri, Options.AppsBaseUri));

    private static bool SameOrigin(Uri a, Uri b)
        => string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static T ReadRequired<T>(GenesysResponse response, string method, string pathAndQuery)
    {
        // ReadJson turns a body that is not the expected JSON into a GenesysApiException naming the route.
        var value = response.ReadJson<T>();
        if (value != null) return value;
        throw new GenesysApiException($"{RouteTemplate.ForRequest(method, pathAndQuery)} returned HTTP {response.StatusCode} with an empty body.",
            response.StatusCode, "response.empty", contextId: response.ContextId, isRetryable: true);
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? header;
        try
        {
            header = response.Headers.RetryAfter;
        }
        catch (FormatException)
        {
            header = null;
        }
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - _clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        // Not whole seconds nor an HTTP date (e.g. "1.5"): the typed parser drops it, so read the raw value.
        // Negative or unreadable values count as absent (our own backoff applies).
        return response.Headers.TryGetValues("Retry-After", out var values) ? ParseRetryAfterSeconds(values.FirstOrDefault()) : null;
    }

    internal static TimeSpan? ParseRetryAfterSeconds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!double.TryParse(value!.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return null;
        // Anything beyond ~10 years is "never" for our purposes (and keeps TimeSpan from overflowing).
        return TimeSpan.FromSeconds(Math.Min(seconds, 315_360_000));
    }

    private static string? ContextIdOf(HttpResponseMessage response)
        => response.Headers.TryGetValues("ININ-Correlation-Id", out var values) ? values.FirstOrDefault() : null;

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException != null && inner is HttpRequestException) inner = inner.InnerException;
        return inner.GetType().Name + (string.IsNullOrEmpty(inner.Message) ? "" : ": " + inner.Message);
    }

    private static string Seconds(TimeSpan span)
        => span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.0#" : "0", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private double NextDouble()
    {
        lock (_random) return _random.NextDouble();
    }

    private void OnCircuitStateChanged(CircuitState state)
    {
        var (kind, text) = state switch
        {
            CircuitState.Open => (GenesysLogKind.CircuitOpened, $"Circuit breaker opened after {Options.CircuitBreakerThreshold} consecutive server errors; failing fast for {Seconds(Options.CircuitBreakDuration)}."),
            CircuitState.HalfOpen => (GenesysLogKind.CircuitHalfOpen, "Circuit breaker half-open: sending one probe request."),
            _ => (GenesysLogKind.CircuitClosed, "Circuit breaker closed: the probe request succeeded."),
        };
        Log(new GenesysLogEvent(kind, text));
    }

    private void Log(GenesysLogEvent e)
    {
        var sink = Options.Log;
        if (sink == null) return;
        try
        {
            sink(e);
        }
        catch
        {
            // A faulty log sink must never break a request.
        }
    }

    private sealed class RequestState
    {
        public RequestState(HttpMethod method, Uri uri, Func<HttpContent>? content, string route, bool isToken)
        {
            Method = method;
            Uri = uri;
            Content = content;
            Route = route;
            IsToken = isToken;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        public Func<HttpContent>? Content { get; }
        public string Route { get; }
        public bool IsToken { get; }
        public AuthenticationHeaderValue? AuthorizationOverride { get; init; }
        /// <summary>Where a 2xx body goes instead of memory (downloads); null = read into <see cref="RawResponse.Body"/>.</summary>
        public BodySink? Sink { get; init; }
        public int Attempt { get; set; }
        /// <summary>Retries after a 429, and the time they waited (bounded by MaxRetryWait in total).</summary>
        public int ThrottledRetries { get; set; }
        public TimeSpan ThrottledWait { get; set; }
        /// <summary>Retries after anything else (bounded by MaxRetries).</summary>
        public int OtherRetries { get; set; }
        public string? GiveUpReason { get; set; }
    }

    private const int DownloadBufferSize = 81920;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the caller's error is the one that matters.
        }
    }

    /// <summary>
    /// A download's destination. Each attempt starts it over (truncates), so a body cut midway and retried leaves
    /// exactly the body of the attempt that completed.
    /// </summary>
    private sealed class BodySink
    {
        private readonly Stream _destination;

        public BodySink(Stream destination) => _destination = destination;

        public long Written { get; private set; }

        /// <param name="stallTimeout">Longest wait for the next bytes of the body (infinite: none).</param>
        public async Task CopyAsync(HttpResponseMessage response, CancellationToken cancellationToken, TimeProvider clock, TimeSpan stallTimeout)
        {
            _destination.Position = 0;
            _destination.SetLength(0);
            Written = 0;
            if (response.Content == null) return;
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[DownloadBufferSize];
            while (true)
            {
                int read;
                using (var stall = stallTimeout == Timeout.InfiniteTimeSpan ? null : clock.CreateCancellationTokenSource(stallTimeout))
                using (var linked = stall == null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token))
                {
                    var token = linked?.Token ?? cancellationToken;
                    // Some stacks (.NET Framework) do not watch the token while a body read waits: disposing the
                    // response ends that read, so the stall timeout and the caller's cancellation still apply.
                    using var abort = token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
                    try
                    {
                        read = await body.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException && token.IsCancellationRequested)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        throw new TimeoutException($"The download stalled: no data for {stallTimeout.TotalSeconds:0.#} s after {Written} bytes.", ex);
                    }
                }
                if (read == 0) break;
                await WriteAsync(() => _destination.WriteAsync(buffer, 0, read, cancellationToken)).ConfigureAwait(false);
                Written += read;
            }
            await WriteAsync(() => _destination.FlushAsync(cancellationToken)).ConfigureAwait(false);
        }

        /// <summary>
        /// A write to the destination that fails (disk full, say) is not a transport error: it must not be retried as a
        /// lost connection, so it travels as <see cref="DownloadWriteException"/> and is unwrapped for the caller.
        /// </summary>
        private static async Task WriteAsync(Func<Task> write)
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new DownloadWriteException(ex);
            }
        }
    }

    private sealed class DownloadWriteException : Exception
    {
        public DownloadWriteException(Exception inner) : base(inner.Message, inner) { }
    }

    private sealed class RawResponse
    {
        public RawResponse(int status, byte[] body, TimeSpan? retryAfter, string? contextId)
        {
            Status = status;
            Body = body;
            RetryAfter = retryAfter;
            ContextId = contextId;
        }

        public int Status { get; }
        public byte[] Body { get; }
        public TimeSpan? RetryAfter { get; }
        public string? ContextId { get; }
    }

    private sealed class OAuthTokenResponse
    {
        public OAuthTokenResponse(string accessToken, double? expiresIn)
        {
            AccessToken = accessToken;
            ExpiresIn = expiresIn;
        }

        public string AccessToken { get; }
        public double? ExpiresIn { get; }
    }
}

/// <summary>What a connection may show about a token: never the token itself.</summary>
public sealed class GenesysTokenInfo
{
    internal GenesysTokenInfo(string clientId, DateTimeOffset expiresAt, int requestsPerMinute)
    {
        ClientId = clientId;
        ExpiresAt = expiresAt;
        RequestsPerMinute = requestsPerMinute;
    }

    public string ClientId { get; }
    public DateTimeOffset ExpiresAt { get; }
    public int RequestsPerMinute { get; }
}
