using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

/// <summary>Builds a client over a <see cref="FakeGenesys"/> and a <see cref="ManualTimeProvider"/>.</summary>
public sealed class ClientFixture : IDisposable
{
    public const string Secret = "s3cr3t-Value-Never-Shown";

    public ClientFixture(bool autoAdvance = true, int credentials = 1)
    {
        Clock = new ManualTimeProvider { AutoAdvance = autoAdvance };
        Fake = new FakeGenesys(Clock);
        Options = new GenesysClientOptions
        {
            ApiBaseUri = new Uri("https://api.mypurecloud.de"),
            LoginBaseUri = new Uri("https://login.mypurecloud.de"),
            Credentials = Enumerable.Range(1, credentials).Select(i => new OAuthClientCredential("client-" + i, Secret + i)).ToArray(),
            TimeProvider = Clock,
            Transport = Fake,
            RequestTimeout = Timeout.InfiniteTimeSpan,
            Log = e => { lock (Events) Events.Add(e); },
        };
    }

    public ManualTimeProvider Clock { get; }
    public FakeGenesys Fake { get; }
    public GenesysClientOptions Options { get; }
    public List<GenesysLogEvent> Events { get; } = new();
    public GenesysClient? Client { get; private set; }

    public async Task<GenesysClient> ConnectAsync()
    {
        Client = await GenesysClient.ConnectAsync(Options);
        return Client;
    }

    public void Dispose() => Client?.Dispose();
}
