using System.Net;
using GenesysSync.Emulator;
using GenesysSync.Http;
using GenesysSync.Outbound;
using GenesysSync.Outbound.Loading;
using GenesysSync.Tests.Hosting;
using GenesysSync.Time;

namespace GenesysSync.Tests.Outbound;

/// <summary>
/// Exports streamed to a temporary file and read from there: a body cut midway is downloaded again from the start
/// (in-process and over HTTP), the known-lead set comes out exact, and no temporary file outlives its export.
/// </summary>
public sealed class ExportStreamingTests : IAsyncLifetime
{
    private const string DownloadRoute = "GET /api/v2/downloads/{downloadId}";
    private static readonly string[] Columns = { "Name", "Phone" };
    private readonly ScaledTimeProvider _clock = new(200);
    private readonly EmulatorOrg _org;
    private readonly string _temp = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gs-export-" + Guid.NewGuid().ToString("N"))).FullName;
    private readonly CuttingHandler _cutter;
    private GenesysClient _client = null!;
    private OutboundApi _api = null!;

    public ExportStreamingTests()
    {
        _org = new EmulatorOrg(new EmulatorOptions { TimeProvider = _clock, RateLimitPerMinute = 0 });
        _org.Options.Clients["client-1"] = "secret-1";
        _cutter = new CuttingHandler(_org.CreateHandler());
    }

    public async Task InitializeAsync()
    {
        _client = await GenesysClient.ConnectAsync(new GenesysClientOptions
        {
            ApiBaseUri = new Uri("https://api.mypurecloud.com"),
            LoginBaseUri = new Uri("https://login.mypurecloud.com"),
            Credentials = new List<OAuthClientCredential> { new("client-1", "secret-1") },
            TimeProvider = _clock,
            // The clock runs 200x real time: the default 100 s timeout would be 0.5 s real, which a loaded machine misses.
            RequestTimeout = TimeSpan.FromHours(1),
            Transport = _cutter,
        });
        _api = new OutboundApi(_client) { FirstPollInterval = TimeSpan.FromMilliseconds(10), TempFolder = _temp };
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        Directory.Delete(_temp, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<ContactList> CreateListAsync(OutboundApi api, int contacts)
    {
        var list = await api.CreateContactListAsync(new ContactList
        {
            Name = "Leads", ColumnNames = Columns.ToList(),
            PhoneColumns = new List<ContactPhoneNumberColumn> { new() { ColumnName = "Phone", Type = "cell" } },
        });
        await api.AddContactsAsync(list.Id!, Enumerable.Range(1, contacts).Select(i => new DialerContact
        {
            Id = "L" + i, ContactListId = list.Id,
            Data = new Dictionary<string, string?> { ["Name"] = "Lead, \"" + i + "\"", ["Phone"] = "+1415555" + (i % 10000).ToString("D4") },
        }).ToList());
        return list;
    }

    private static async Task<Dictionary<string, ulong>> KnownAsync(OutboundApi api, ContactList list)
    {
        var known = new Dictionary<string, ulong>();
        var query = new KnownLeadQuery(new[] { new ContactListShard(0, list.Name!, list.Id, 0) }, Columns, hashCallable: true);
        await new ExportKnownLeadSource(api).LoadAsync(query, lead => known.Add(lead.ContactId!, lead.ContentHash), CancellationToken.None);
        return known;
    }

    private static Dictionary<string, ulong> Expected(int contacts)
        => Enumerable.Range(1, contacts).ToDictionary(i => "L" + i,
            i => ContentHash.Of(new string?[] { "Lead, \"" + i + "\"", "+1415555" + (i % 10000).ToString("D4") }, true));

    [Fact]
    public async Task A_download_cut_midway_is_retried_from_the_start_and_the_known_leads_are_exact()
    {
        var list = await CreateListAsync(_api, 3000);
        _cutter.CutNext(2, DownloadPath, fraction: 0.6);

        var known = await KnownAsync(_api, list);

        Assert.Equal(Expected(3000), known);
        Assert.Equal(3, _org.Stats.Count(DownloadRoute));
        Assert.Equal(2, _client.Stats.Retries);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
    }

    [Fact]
    public async Task Temporary_files_are_deleted_after_a_failed_download_and_after_a_failing_reader()
    {
        var list = await CreateListAsync(_api, 50);
        // Every attempt leaves a partial body in the file before the connection "resets"; the retries run out.
        _cutter.CutNext(int.MaxValue, DownloadPath, fraction: 0.5);
        await Assert.ThrowsAsync<GenesysTransportException>(() => _api.ExportContactsAsync(list.Id!));
        Assert.Equal(_client.Options.MaxRetries + 1, _org.Stats.Count(DownloadRoute));
        Assert.Empty(Directory.GetFileSystemEntries(_temp));

        _cutter.CutNext(1, DownloadPath, fraction: 0.5);
        var query = new KnownLeadQuery(new[] { new ContactListShard(0, list.Name!, list.Id, 0) }, Columns, hashCallable: false);
        var seen = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => new ExportKnownLeadSource(_api).LoadAsync(query, _ =>
        {
            if (++seen == 10) throw new InvalidOperationException("the caller failed midway");
        }, CancellationToken.None));
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
    }

    [Fact]
    public async Task A_download_to_a_presigned_url_carries_no_token()
    {
        var list = await CreateListAsync(_api, 5);
        // A presigned storage URL (another host) instead of the emulator's path-only uri. The "storage" is the emulator
        // behind the handler, which signs the request itself (as the URL's signature would) once it has seen what came.
        _cutter.PresignedHost = "exports.storage.example.com";
        _cutter.Sign = () => _org.IssueToken("client-1");
        await _api.StartExportAsync(list.Id!);
        ExportUri? location = null;
        while (location == null) location = await _api.GetExportUriAsync(list.Id!);
        var presigned = "https://exports.storage.example.com" + location.Uri + "?X-Amz-Signature=0123abcd";
        var path = Path.Combine(_temp, "presigned.csv");

        var before = _org.Stats.Count(DownloadRoute);
        await _api.DownloadToFileAsync(presigned, path);

        var seen = Assert.Single(_cutter.Seen, r => r.Uri.Host == "exports.storage.example.com");
        Assert.Null(seen.Authorization);
        Assert.All(_cutter.Seen.Where(r => r.Uri.Host == "api.mypurecloud.com"), r => Assert.StartsWith("Bearer ", r.Authorization));
        Assert.Equal(before + 1, _org.Stats.Count(DownloadRoute));
        using var export = ExportFile.Open(path);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => "L" + i), export.Records().Select(r => r[0]));
    }

    [Fact]
    public async Task Over_http_a_download_cut_midway_is_retried_and_the_export_is_exact()
    {
        await using var host = await EmulatorHost.StartAsync(o => o.RateLimitPerMinute = 0);
        using var cutter = new CuttingHandler(new HttpClientHandler());
        using var client = await GenesysClient.ConnectAsync(new GenesysClientOptions
        {
            ApiBaseUri = host.BaseAddress,
            LoginBaseUri = host.BaseAddress,
            Credentials = new List<OAuthClientCredential> { new(EmulatorHost.ClientId, EmulatorHost.ClientSecret) },
            Transport = cutter,
        });
        var api = new OutboundApi(client) { FirstPollInterval = TimeSpan.FromMilliseconds(10), TempFolder = _temp };
        var list = await CreateListAsync(api, 2000);
        cutter.CutNext(1, DownloadPath, fraction: 0.5);

        Assert.Equal(Expected(2000), await KnownAsync(api, list));

        Assert.Equal(2, host.Org.Stats.Count(DownloadRoute));
        Assert.Equal(1, client.Stats.Retries);
        Assert.Empty(Directory.GetFileSystemEntries(_temp));
    }

    private const string DownloadPath = "/api/v2/downloads/";

    /// <summary>
    /// Passes requests on; cuts the body of the next matching responses (an IOException after a share of it, as a reset
    /// connection does); may rewrite the URI the inner handler sees; records each request's URI and Authorization.
    /// </summary>
    private sealed class CuttingHandler : DelegatingHandler
    {
        private readonly object _gate = new();
        private readonly List<(Uri Uri, string? Authorization)> _seen = new();
        private int _cuts;
        private string _prefix = "";
        private double _fraction;

        public CuttingHandler(HttpMessageHandler inner) : base(inner) { }

        /// <summary>A host that stands for presigned storage: its requests go on to the API host, signed by <see cref="Sign"/>.</summary>
        public string? PresignedHost { get; set; }
        public Func<string>? Sign { get; set; }

        public IReadOnlyList<(Uri Uri, string? Authorization)> Seen { get { lock (_gate) return _seen.ToArray(); } }

        public void CutNext(int count, string pathPrefix, double fraction)
        {
            lock (_gate)
            {
                _cuts = count;
                _prefix = pathPrefix;
                _fraction = fraction;
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_gate) _seen.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
            if (PresignedHost != null && request.RequestUri!.Host == PresignedHost)
            {
                request.RequestUri = new Uri(new Uri("https://api.mypurecloud.com"), request.RequestUri.PathAndQuery);
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Sign!());
            }
            var response = await base.SendAsync(request, cancellationToken);
            bool cut;
            lock (_gate)
            {
                cut = _cuts > 0 && response.IsSuccessStatusCode && request.RequestUri!.AbsolutePath.StartsWith(_prefix, StringComparison.Ordinal);
                if (cut) _cuts--;
            }
            if (cut) response.Content = new CutContent(response.Content, _fraction);
            return response;
        }
    }

    private sealed class CutContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly double _fraction;

        public CutContent(HttpContent inner, double fraction)
        {
            _inner = inner;
            _fraction = fraction;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => await (await CreateContentReadStreamAsync()).CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override async Task<Stream> CreateContentReadStreamAsync()
        {
            var length = _inner.Headers.ContentLength ?? throw new InvalidOperationException("The body has no Content-Length to cut.");
            return new CutStream(await _inner.ReadAsStreamAsync(), (long)(length * _fraction));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class CutStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _cutAfter;
        private long _read;

        public CutStream(Stream inner, long cutAfter)
        {
            _inner = inner;
            _cutAfter = cutAfter;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= _cutAfter) throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
            var n = _inner.Read(buffer, offset, (int)Math.Min(count, _cutAfter - _read));
            _read += n;
            return n;
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_read >= _cutAfter) throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
            var n = await _inner.ReadAsync(buffer, offset, (int)Math.Min(count, _cutAfter - _read), cancellationToken);
            _read += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
