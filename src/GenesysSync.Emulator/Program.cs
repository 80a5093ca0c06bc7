using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace GenesysSync.Emulator;

/// <summary>The emulator host: `dotnet run --project src/GenesysSync.Emulator -- --urls http://127.0.0.1:PORT ...`.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorCommandLine commandLine;
        try
        {
            commandLine = EmulatorCommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(EmulatorCommandLine.Usage);
            return 2;
        }
        if (commandLine.Help)
        {
            Console.WriteLine(EmulatorCommandLine.Usage);
            return 0;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        var org = new EmulatorOrg(commandLine.Options);
        await using var running = await EmulatorServer.StartAsync(org, commandLine.Url);
        var baseUrl = running.BaseAddress.ToString().TrimEnd('/');
        Console.WriteLine("GenesysSync emulator listening on " + baseUrl);
        Console.WriteLine("  login: " + baseUrl + "/oauth/token   api: " + baseUrl + "/api/v2/...   control: " + baseUrl + "/_emulator/stats");
        Console.WriteLine("  clients: " + org.Options.Clients.Count + ", rate limit: " + org.Options.RateLimitPerMinute
            + "/min per token, token lifetime: " + (long)org.Options.TokenLifetime.TotalSeconds + " s. Press Ctrl+C to stop.");
        await stop.Task;
        Console.WriteLine("Stopping.");
        return 0;
    }
}
