using System.Diagnostics;
using GenesysSync.Emulator;
using GenesysSync.Harness;
using GenesysSync.Time;

namespace GenesysSync.Bench.Infrastructure;

/// <summary>
/// The emulator in its own process on 127.0.0.1, so the memory the benchmark reports is the sync's own
/// (1.5 M stored contacts take several GB in the emulator). It dies with its parent: it serves until
/// its standard input closes.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string ClientId = "bench-client";
    public const string ClientSecret = "bench-secret-not-real";
    private const string ServeFlag = "--serve-emulator";

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Control = new EmulatorControl(baseAddress);
    }

    public Uri BaseAddress { get; }
    public EmulatorControl Control { get; }
    public int ProcessId => _process.Id;
    public long? PeakResidentBytes => SelfProcess.PeakResidentBytes(_process.Id);

    /// <param name="timeScale">The org clock runs this many times faster than real time (1 = real time).</param>
    /// <param name="rateLimitPerMinute">Per-token limit; 0 lifts it.</param>
    /// <param name="listCap">Contacts per outbound contact list (Genesys: 1,000,000).</param>
    public static async Task<EmulatorProcess> StartAsync(double timeScale, int rateLimitPerMinute, int seed, int listCap = 1_000_000)
    {
        var start = SelfProcess.StartInfo(ServeFlag, "--time-scale", timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--rate-limit", rateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--list-cap", listCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.Environment["GS_BENCH_CLIENT_ID"] = ClientId;
        start.Environment["GS_BENCH_CLIENT_SECRET"] = ClientSecret;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator process.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
            throw new InvalidOperationException("The emulator process did not start: " + line);
        }
        return new EmulatorProcess(process, new Uri(line.Substring("LISTENING ".Length).Trim()));
    }

    public static bool IsServeMode(string[] args) => args.Length > 0 && args[0] == ServeFlag;

    /// <summary>The child side: serve an org until standard input closes.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        double scale = 1;
        int rate = 0, seed = 1, listCap = 1_000_000;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--time-scale": scale = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rate-limit": rate = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--list-cap": listCap = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
        var org = new EmulatorOrg(new EmulatorOptions
        {
            TimeProvider = scale == 1 ? TimeProvider.System : new ScaledTimeProvider(scale),
            RateLimitPerMinute = rate,
            Seed = seed,
        });
        org.Options.Outbound.MaxContactsPerList = listCap;
        org.Options.Clients[Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_ID") ?? ClientId] =
            Environment.GetEnvironmentVariable("GS_BENCH_CLIENT_SECRET") ?? ClientSecret;
        await using var running = await EmulatorServer.StartAsync(org, "http://127.0.0.1:0");
        Console.Out.WriteLine("LISTENING " + running.BaseAddress);
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20))) _process.Kill();
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
