using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenesysSync.Emulator;

/// <summary>Serves an <see cref="EmulatorOrg"/> over real HTTP (Kestrel), plus the /_emulator/ control surface.</summary>
public static class EmulatorServer
{
    /// <summary>
    /// Starts listening on <paramref name="url"/> (port 0 picks a free port; <see cref="RunningEmulator.BaseAddress"/>
    /// reports the real one). Login and API routes share this one origin.
    /// </summary>
    public static async Task<RunningEmulator> StartAsync(EmulatorOrg org, string url = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        if (org == null) throw new ArgumentNullException(nameof(org));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        // The host must not grab Ctrl+C in a test process; the command line handles it itself.
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The org enforces its own body limit (413 with the platform error body); let bigger bodies reach it.
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var app = builder.Build();
        var invoker = new HttpMessageInvoker(org.CreateHandler(), disposeHandler: true);
        var control = new ControlSurface(org);
        var bridge = new HttpBridge(invoker);
        app.Run(context => context.Request.Path.StartsWithSegments(ControlSurface.Prefix)
            ? control.HandleAsync(context)
            : bridge.HandleAsync(context));

        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningEmulator(app, invoker, new Uri(address.TrimEnd('/') + "/"), org);
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A started emulator server. Dispose to stop it.</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;

    internal RunningEmulator(WebApplication app, HttpMessageInvoker invoker, Uri baseAddress, EmulatorOrg org)
    {
        _app = app;
        _invoker = invoker;
        BaseAddress = baseAddress;
        Org = org;
    }

    /// <summary>The origin serving /oauth/token, /api/v2/... and /_emulator/..., e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public EmulatorOrg Org { get; }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _invoker.Dispose();
    }
}
