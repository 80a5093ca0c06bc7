using System.Net;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

/// <summary>The .NET Framework (Windows PowerShell 5.1) HTTP settings, as far as they can be checked on .NET.</summary>
public sealed class HttpPlatformTests
{
#pragma warning disable SYSLIB0014, CS0618 // SecurityProtocolType.Ssl3/Tls/Tls11 are obsolete: exactly the old values to cope with
    [Theory]
    [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13, SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.SystemDefault, SecurityProtocolType.SystemDefault)]
    public void Tls12_is_added_never_anything_removed_and_system_default_left_to_the_os(SecurityProtocolType current, SecurityProtocolType expected)
        => Assert.Equal(expected, HttpPlatform.WithTls12(current));

    [Fact]
    public void On_dotnet_the_process_wide_protocols_are_left_alone()
    {
        var before = ServicePointManager.SecurityProtocol;
        HttpPlatform.EnsureTls12();
        Assert.False(HttpPlatform.IsNetFramework);
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
    }
#pragma warning restore SYSLIB0014, CS0618

    [Fact]
    public void The_default_handler_allows_as_many_connections_per_host_as_requests_in_flight()
    {
        using var handler = HttpPlatform.CreateHandler(18);
        Assert.Equal(18, handler.MaxConnectionsPerServer);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, handler.AutomaticDecompression);
    }
}
