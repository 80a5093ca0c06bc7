using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace GenesysSync.Http;

/// <summary>
/// The HTTP stack differences between .NET (PowerShell 7) and .NET Framework (Windows PowerShell 5.1) that a
/// netstandard2.0 build compiles over but behaves differently on. Everything here is safe on both runtimes.
/// </summary>
internal static class HttpPlatform
{
    internal static bool IsNetFramework { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <summary>
    /// The protocols to use given the current ones: TLS 1.2 added, nothing removed. "SystemDefault" (0, what an app
    /// built for .NET Framework 4.7+ gets) is left alone, as the OS then picks TLS 1.2/1.3 itself; powershell.exe is
    /// not such an app and starts with Ssl3|Tls on many machines, which Genesys Cloud refuses.
    /// </summary>
    internal static SecurityProtocolType WithTls12(SecurityProtocolType current)
        => current == 0 ? current : current | SecurityProtocolType.Tls12;

    /// <summary>On .NET Framework, makes sure TLS 1.2 is allowed (process-wide, only ever adding). A no-op on .NET.</summary>
    internal static void EnsureTls12()
    {
        if (!IsNetFramework) return;
        try
        {
            var current = ServicePointManager.SecurityProtocol;
            var wanted = WithTls12(current);
            if (wanted != current) ServicePointManager.SecurityProtocol = wanted;
        }
        catch (NotSupportedException)
        {
            // A locked-down host: the handshake error will say TLS if it matters.
        }
    }

    /// <summary>
    /// The default transport. <paramref name="maxConnections"/> lifts .NET Framework's limit of 2 connections per host
    /// (ServicePointManager.DefaultConnectionLimit), which would otherwise cap a connection at 2 requests in flight
    /// whatever MaxConcurrency says; on .NET it only bounds the pool to what the client uses.
    /// </summary>
    internal static HttpClientHandler CreateHandler(int maxConnections)
    {
        var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
        try
        {
            handler.MaxConnectionsPerServer = Math.Max(2, maxConnections);
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or NotImplementedException)
        {
            // .NET Framework before 4.7.1: RaiseConnectionLimit covers it.
        }
        return handler;
    }

    /// <summary>.NET Framework: raises the per-host connection limit of these hosts' ServicePoints (never lowers it).</summary>
    internal static void RaiseConnectionLimit(int maxConnections, params Uri?[] hosts)
    {
        if (!IsNetFramework) return;
        foreach (var host in hosts)
        {
            if (host == null) continue;
            try
            {
                var point = ServicePointManager.FindServicePoint(host);
                if (point.ConnectionLimit < maxConnections) point.ConnectionLimit = maxConnections;
            }
            catch (Exception ex) when (ex is NotSupportedException or PlatformNotSupportedException or InvalidOperationException)
            {
                // Best effort: MaxConnectionsPerServer on the handler is the main lever.
            }
        }
    }
}
