using System.Net.Http;
using GenesysSync.Emulator;

namespace GenesysSync.Commands.Connection;

/// <summary>Builds the in-process emulator org behind Connect-GenesysCloud -Sandbox.</summary>
internal static class SandboxFactory
{
    internal static EmulatorOrg Create(string clientId, string clientSecret, out HttpMessageHandler handler)
    {
        var options = new EmulatorOptions();
        options.Clients[clientId] = clientSecret;
        var org = new EmulatorOrg(options);
        handler = org.CreateHandler();
        return org;
    }
}
