using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Routes;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator;

/// <summary>
/// An in-memory Genesys Cloud org: OAuth, external contacts and external sources, with per-token rate limits,
/// fault injection and request counters. Serve it in-process with <see cref="CreateHandler"/> (scheme and host are
/// ignored, so login.* and api.* both reach it) or over HTTP with GenesysSync.Emulator's EmulatorServer.
/// Thread-safe. See docs/emulator.md for every route, limit and what is not emulated.
/// </summary>
public sealed partial class EmulatorOrg
{
    private readonly OrgState _state;
    private readonly Router _router = new();

    public EmulatorOrg(EmulatorOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _state = new OrgState(options);
        Faults = new FaultInjector(() => Options.Seed);
        // One family per file; adding an API area means adding a family here.
        IRouteFamily[] families =
        {
            new OAuthRoutes(),
            new ExternalContactRoutes(_state),
            new ContactQueryRoutes(_state),
            new ContactBulkRoutes(_state),
            new EnrichRoutes(_state),
            new ExternalSourceRoutes(_state),
            new ContactSchemaRoutes(_state),
            new ExternalContactsSurfaceRoutes(_state),
            new OutboundRoutes(this, _state),
            new DncListRoutes(this, _state),
        };
        foreach (var family in families) family.Register(_router);
    }

    public EmulatorOptions Options { get; }

    public FaultInjector Faults { get; }

    public RequestStats Stats { get; } = new();

    /// <summary>A snapshot (deep copies, creation order) of every stored external contact; computed on each access.</summary>
    public IReadOnlyList<JsonObject> ExternalContacts => _state.Contacts.All().Select(c => c.ToJsonObject()).ToList();

    /// <summary>How many external contacts are stored (cheap, unlike <see cref="ExternalContacts"/>).</summary>
    public int ExternalContactCount => _state.Contacts.Count;

    /// <summary>A snapshot of the external sources, creation order.</summary>
    public IReadOnlyList<JsonObject> ExternalSources => _state.Sources.Snapshot();

    /// <summary>The id of the org's only division, "Home".</summary>
    public string HomeDivisionId => OrgState.HomeDivisionId;

    /// <summary>Every route as "METHOD /template" (the keys used by <see cref="Stats"/> and fault rules).</summary>
    public IReadOnlyList<string> Routes => _router.Routes.Select(r => r.Key).ToList();

    /// <summary>The org's clock: <see cref="EmulatorOptions.TimeProvider"/> plus any <see cref="AdvanceClock"/> offset.</summary>
    public DateTimeOffset UtcNow => _state.Clock.UtcNow;

    /// <summary>Moves the org's clock forward (token expiry, rate-limit windows, cursor age) without waiting.</summary>
    public void AdvanceClock(TimeSpan by) => _state.Clock.Advance(by);

    /// <summary>An in-process transport to this org. Each call returns a new handler over the same org.</summary>
    public HttpMessageHandler CreateHandler() => new EmulatorHandler(this);

    /// <summary>
    /// Clears contacts, sources, the rest of the External Contacts data, contact lists, DNC lists, stats, faults and
    /// rate-limit windows; keeps options, clients and issued tokens.
    /// </summary>
    public void Reset()
    {
        _state.Contacts.Clear();
        _state.Sources.Clear();
        _state.Schemas.Clear();
        ResetSurface();
        OutboundRoutes.StoreOf(this).Reset();
        DncListRoutes.StoreOf(this).Reset();
        _state.Tokens.ResetWindows();
        Faults.Clear();
        Stats.Reset();
    }

    /// <summary>The access tokens issued so far, so tests can prove no client output ever contains one.</summary>
    public IReadOnlyList<string> IssuedTokens => _state.Tokens.All();

    /// <summary>Issues a token for <paramref name="clientId"/> without the OAuth round trip (the client need not be registered).</summary>
    public string IssueToken(string clientId)
    {
        if (string.IsNullOrEmpty(clientId)) throw new ArgumentException("A client id is required.", nameof(clientId));
        return _state.Tokens.Issue(clientId, _state.Clock.UtcNow, Options.TokenLifetime);
    }

    /// <summary>
    /// One request through the org: faults, then authentication, rate limit, size/media checks, the route; counted in
    /// <see cref="Stats"/>. The transport waits <see cref="Outcome.Delay"/> and then replies or fails.
    /// </summary>
    internal Outcome Process(ApiRequest request)
    {
        var match = _router.Match(request.Method, request.Path, out var pathExists);
        var routeKey = match?.Route.Key ?? request.Method + " " + RequestStats.Unmatched;
        var delay = Options.Latency;
        var lost = false;
        FaultKind? mangle = null;

        var fault = Faults.Decide(request.Method, match?.Route.Template);
        if (fault != null)
        {
            Stats.RecordFault(fault.Kind);
            ApiResponse? injected = null;
            switch (fault.Kind)
            {
                case FaultKind.ConnectionReset:
                    Stats.Record(routeKey, 0);
                    return new Outcome(null, FaultKind.ConnectionReset, TimeSpan.Zero);
                case FaultKind.Status429:
                    injected = Errors.TooManyRequests(Math.Max(0, fault.RetryAfterSeconds));
                    break;
                case FaultKind.Status5xx:
                    injected = Errors.ServerError(fault.StatusCode);
                    break;
                case FaultKind.Status413:
                    injected = Errors.TooLarge("bytes", Options.MaxBodyBytes);
                    break;
                case FaultKind.SlowReply:
                    delay += fault.Delay;
                    break;
                case FaultKind.LostResponse:
                    lost = true;
                    break;
                case FaultKind.HtmlError:
                    injected = Errors.LoadBalancerPage(fault.StatusCode);
                    break;
                case FaultKind.TruncatedBody:
                case FaultKind.ShuffledBulkResults:
                    mangle = fault.Kind;
                    break;
            }
            if (injected != null)
            {
                Stats.Record(routeKey, injected.Status);
                return new Outcome(injected, null, delay);
            }
        }

        var response = Execute(request, match, pathExists);
        Stats.Record(routeKey, response.Status);
        if (mangle != null) response = FaultInjector.Mangle(mangle.Value, response);
        return new Outcome(response, lost ? FaultKind.LostResponse : null, delay);
    }

    private ApiResponse Execute(ApiRequest request, RouteMatch? match, bool pathExists)
    {
        if (match == null) return pathExists ? Errors.MethodNotAllowed() : Errors.NotFoundBody();
        var route = match.Route;
        string? clientId = null;
        if (!route.Anonymous)
        {
            var header = request.Authorization;
            if (header == null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            {
                return Errors.AuthenticationRequired();
            }
            var token = _state.Tokens.Find(header.Substring(7).Trim());
            var now = _state.Clock.UtcNow;
            if (token == null || token.ExpiresAt <= now) return Errors.BadCredentials();
            clientId = token.ClientId;

            var limit = Options.RateLimitPerMinute;
            if (limit > 0 && token.Window.TryAcquire(now, limit) is { } retryAfter) return Errors.TooManyRequests(retryAfter);

            if (Auth.RoutePermissions.For(route.Method, route.Template) is { } needed && Auth.RoutePermissions.Denied(Options, needed) != null)
                return Auth.RoutePermissions.Missing(needed);

            if (request.Body.Length > Options.MaxBodyBytes) return Errors.TooLarge("bytes", Options.MaxBodyBytes);
            if (request.Body.Length > 0 && !IsJson(request.ContentType)) return Errors.UnsupportedMediaType();
        }

        try
        {
            return route.Handler(new RouteContext(request, match.Parameters, _state, clientId));
        }
        catch (ApiException e)
        {
            return e.Response;
        }
    }

    private static bool IsJson(string? contentType)
        => contentType != null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>What the transport must do: reply (after Delay), or fail the connection (TransportFault).</summary>
    internal sealed class Outcome
    {
        public Outcome(ApiResponse? response, FaultKind? transportFault, TimeSpan delay)
        {
            Response = response;
            TransportFault = transportFault;
            Delay = delay;
        }

        public ApiResponse? Response { get; }
        public FaultKind? TransportFault { get; }
        public TimeSpan Delay { get; }
    }

    internal Task<Outcome> ProcessAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Process(request));
    }
}
