using System.Net;
using System.Text;
using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

/// <summary>GenesysClient.DownloadAsync / DownloadToFileAsync: bodies streamed to a file through the one request pipeline.</summary>
public sealed class DownloadTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gs-download-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Csv(int rows)
    {
        var sb = new StringBuilder("\"inin-outbound-id\",\"Name\"\n");
        for (var i = 1; i <= rows; i++) sb.Append("\"C").Append(i).Append("\",\"Lead ").Append(i).Append("\"\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static HttpResponseMessage Body(HttpContent content) => new(HttpStatusCode.OK) { Content = content };

    [Fact]
    public async Task A_body_cut_midway_is_retried_from_the_start_and_the_file_is_exact()
    {
        using var f = new ClientFixture();
        var csv = Csv(5000);
        f.Fake.Then(_ => Body(new StreamingContent(() => new CuttingStream(csv, cutAfter: csv.Length / 3))))
              .Then(_ => Body(new StreamingContent(() => new CuttingStream(csv, cutAfter: csv.Length / 2))))
              .Then(_ => Body(new ByteArrayContent(csv)));
        var client = await f.ConnectAsync();
        var path = Path.Combine(_dir, "export.csv");

        var written = await client.DownloadToFileAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), path);

        Assert.Equal(csv.Length, written);
        Assert.Equal(csv, File.ReadAllBytes(path));
        Assert.Equal(3, f.Fake.Requests.Count);
        Assert.Equal(2, f.Events.Count(e => e.Kind == GenesysLogKind.Retry));
        Assert.Equal(2, client.Stats.Retries);
    }

    [Fact]
    public async Task A_retry_after_a_longer_partial_body_truncates_the_stream()
    {
        using var f = new ClientFixture();
        var full = Csv(50);
        var longer = Csv(5000);
        // The first attempt delivers more bytes than the final body has: the file must not keep the tail.
        f.Fake.Then(_ => Body(new StreamingContent(() => new CuttingStream(longer, cutAfter: longer.Length - 10))))
              .Then(_ => Body(new ByteArrayContent(full)));
        var client = await f.ConnectAsync();
        using var destination = new MemoryStream();

        var written = await client.DownloadAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), destination);

        Assert.Equal(full.Length, written);
        Assert.Equal(full, destination.ToArray());
    }

    [Fact]
    public async Task A_presigned_url_gets_no_token_and_an_api_path_does()
    {
        using var f = new ClientFixture();
        f.Options.AppsBaseUri = new Uri("https://apps.mypurecloud.de");
        var csv = Csv(3);
        f.Fake.Default = _ => Body(new ByteArrayContent(csv));
        var client = await f.ConnectAsync();

        await client.DownloadToFileAsync(new Uri("https://exports.example-bucket.com/list.csv?X-Amz-Signature=abc"), Path.Combine(_dir, "a.csv"));
        await client.DownloadToFileAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), Path.Combine(_dir, "b.csv"));
        await client.DownloadToFileAsync(new Uri("https://apps.mypurecloud.de/x/y"), Path.Combine(_dir, "c.csv"));

        Assert.Equal(new[] { null, "token-1", "token-1" }, f.Fake.Requests.Select(r => r.BearerToken));
        Assert.Equal(csv, File.ReadAllBytes(Path.Combine(_dir, "a.csv")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadToFileAsync(new Uri("http://evil.example.com/x"), Path.Combine(_dir, "d.csv")));
        // Log events name the route, never the signature of the URL or a token.
        var log = string.Join("\n", f.Events.Select(e => e.Message));
        Assert.DoesNotContain("X-Amz-Signature", log);
        Assert.DoesNotContain("token-1", log);
    }

    [Fact]
    public async Task Throttling_and_401_go_through_the_pipeline_and_errors_are_typed()
    {
        using var f = new ClientFixture();
        var csv = Csv(10);
        f.Fake.Then(FakeGenesys.Error(429, "too.many.requests", retryAfterSeconds: 2))
              .Then(FakeGenesys.Error(401, "bad.credentials"))
              .Then(_ => Body(new ByteArrayContent(csv)))
              .Then(FakeGenesys.Error(404, "not.found", "The download is gone"));
        var client = await f.ConnectAsync();
        var path = Path.Combine(_dir, "export.csv");

        await client.DownloadToFileAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), path);
        Assert.Equal(csv, File.ReadAllBytes(path));
        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, f.Fake.Requests.Select(r => r.BearerToken));

        var missing = Path.Combine(_dir, "missing.csv");
        var ex = await Assert.ThrowsAsync<GenesysNotFoundException>(() => client.DownloadToFileAsync(new Uri("/api/v2/downloads/gone", UriKind.Relative), missing));
        Assert.Contains("The download is gone", ex.Message);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task A_download_that_keeps_failing_deletes_its_partial_file()
    {
        using var f = new ClientFixture();
        f.Options.MaxRetries = 1;
        var csv = Csv(1000);
        f.Fake.Default = _ => Body(new StreamingContent(() => new CuttingStream(csv, cutAfter: 100)));
        var client = await f.ConnectAsync();
        var path = Path.Combine(_dir, "export.csv");

        await Assert.ThrowsAsync<GenesysTransportException>(() => client.DownloadToFileAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), path));

        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_failing_destination_is_not_retried_as_a_lost_connection()
    {
        using var f = new ClientFixture();
        f.Fake.Default = _ => Body(new ByteArrayContent(Csv(10)));
        var client = await f.ConnectAsync();

        var ex = await Assert.ThrowsAsync<IOException>(() => client.DownloadAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), new FullDiskStream()));

        Assert.Equal("There is not enough space on the disk.", ex.Message);
        Assert.Single(f.Fake.Requests);
    }

    [Fact]
    public async Task The_body_is_streamed_never_buffered_whole()
    {
        // StreamingContent refuses to be buffered (LoadIntoBufferAsync / ReadAsByteArrayAsync): only a read of its
        // stream works, and the stream makes its 64 MB as it is read, so nothing holds the whole body at once.
        using var f = new ClientFixture();
        const long size = 64L * 1024 * 1024;
        f.Fake.Default = _ => Body(new StreamingContent(() => new GeneratedStream(size)));
        var client = await f.ConnectAsync();
        var path = Path.Combine(_dir, "big.csv");

        var written = await client.DownloadToFileAsync(new Uri("/api/v2/downloads/big", UriKind.Relative), path);

        Assert.Equal(size, written);
        Assert.Equal(size, new FileInfo(path).Length);
    }

    /// <summary>Content that can only be read as a stream (buffering it throws), created per attempt.</summary>
    [Fact]
    public async Task A_download_longer_than_RequestTimeout_in_all_completes_while_bytes_keep_coming()
    {
        // A 1M-contact export on a slow link takes minutes: the attempt's timeout covers the headers, the body is
        // timed per read (a stall), so steady progress is never cut off. The clock moves only with the body (no auto
        // advance, which would fire every timeout timer as soon as it is set).
        using var f = new ClientFixture(autoAdvance: false);
        f.Options.RequestTimeout = TimeSpan.FromSeconds(100);
        var csv = Csv(3000);
        f.Fake.Then(_ => Body(new StreamingContent(() => new SlowStream(csv, f.Clock, perRead: TimeSpan.FromSeconds(30)))));
        var client = await f.ConnectAsync();
        using var destination = new MemoryStream();
        var started = f.Clock.GetUtcNow();

        var written = await client.DownloadAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), destination);

        Assert.Equal(csv, destination.ToArray());
        Assert.Single(f.Fake.Requests);
        Assert.True(f.Clock.GetUtcNow() - started > TimeSpan.FromMinutes(10), "the body should have taken far longer than RequestTimeout");
    }

    [Fact]
    public async Task A_body_that_stalls_longer_than_RequestTimeout_is_retried_from_the_start()
    {
        using var f = new ClientFixture(autoAdvance: false); // auto advance would fire every timeout timer as soon as it is set
        f.Options.RequestTimeout = TimeSpan.FromSeconds(100);
        var csv = Csv(3000);
        f.Fake.Then(_ => Body(new StreamingContent(() => new SlowStream(csv, f.Clock, perRead: TimeSpan.FromSeconds(1), stallAfterReads: 5, stall: TimeSpan.FromSeconds(101)))))
              .Then(_ => Body(new ByteArrayContent(csv)));
        var client = await f.ConnectAsync();
        using var destination = new MemoryStream();

        var download = client.DownloadAsync(new Uri("/api/v2/downloads/abc", UriKind.Relative), destination);
        // The stall moves the clock itself; the retry's backoff needs the clock to move on.
        while (!download.IsCompleted)
        {
            f.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
        await download;

        Assert.Equal(csv, destination.ToArray());
        Assert.Equal(2, f.Fake.Requests.Count);
        Assert.Contains(f.Events, e => e.Kind == GenesysLogKind.Retry && e.Message.Contains("stalled"));
    }

    /// <summary>Serves <c>data</c> 1000 bytes a read, moving the clock on per read; optionally stalls (no data) once.</summary>
    private sealed class SlowStream : Stream
    {
        private readonly byte[] _data;
        private readonly ManualTimeProvider _clock;
        private readonly TimeSpan _perRead;
        private readonly int _stallAfterReads;
        private readonly TimeSpan _stall;
        private int _position;
        private int _reads;

        public SlowStream(byte[] data, ManualTimeProvider clock, TimeSpan perRead, int stallAfterReads = -1, TimeSpan stall = default)
        {
            (_data, _clock, _perRead, _stallAfterReads, _stall) = (data, clock, perRead, stallAfterReads, stall);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested(); // as a network stream does
            if (_reads++ == _stallAfterReads)
            {
                _clock.Advance(_stall); // nothing arrives for this long: the stall timer fires
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            _clock.Advance(_perRead);
            var n = Math.Min(Math.Min(count, 1000), _data.Length - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class StreamingContent : HttpContent
    {
        private readonly Func<Stream> _open;

        public StreamingContent(Func<Stream> open) => _open = open;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            => throw new InvalidOperationException("The body was buffered instead of streamed.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(_open());
    }

    /// <summary>Serves <c>data</c> up to <c>cutAfter</c> bytes, then fails like a reset connection.</summary>
    private sealed class CuttingStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _cutAfter;
        private int _position;

        public CuttingStream(byte[] data, int cutAfter)
        {
            _data = data;
            _cutAfter = cutAfter;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _cutAfter) throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
            var n = Math.Min(Math.Min(count, 1000), _cutAfter - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body of <c>size</c> bytes made as it is read.</summary>
    private sealed class GeneratedStream : Stream
    {
        private readonly long _size;
        private long _position;

        public GeneratedStream(long size) => _size = size;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _size - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)('a' + (_position + i) % 26);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A destination whose writes fail like a full disk.</summary>
    private sealed class FullDiskStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("There is not enough space on the disk.");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => throw new IOException("There is not enough space on the disk.");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            => throw new IOException("There is not enough space on the disk.");
    }
}
