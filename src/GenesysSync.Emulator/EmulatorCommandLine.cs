using System;
using System.Globalization;

namespace GenesysSync.Emulator;

/// <summary>
/// The command line of the emulator host:
/// --urls URL --client-id ID --client-secret SECRET [--rate-limit-per-minute N] [--token-lifetime-seconds N]
/// [--latency-ms N] [--seed N] [--max-bulk-entities N] [--max-body-bytes N].
/// </summary>
public sealed class EmulatorCommandLine
{
    public const string Usage =
        "Usage: GenesysSync.Emulator --urls http://127.0.0.1:PORT --client-id ID --client-secret SECRET\n" +
        "         [--rate-limit-per-minute N] [--token-lifetime-seconds N] [--latency-ms N] [--seed N]\n" +
        "         [--max-bulk-entities N] [--max-body-bytes N]\n" +
        "Serves /oauth/token, /api/v2/externalcontacts/... and /_emulator/... on one origin. Ctrl+C stops.\n" +
        "Port 0 picks a free port. Only loopback addresses are accepted.";

    private EmulatorCommandLine(string url, EmulatorOptions options, bool help)
    {
        Url = url;
        Options = options;
        Help = help;
    }

    public string Url { get; }
    public EmulatorOptions Options { get; }
    public bool Help { get; }

    /// <summary>Parses the arguments; throws ArgumentException with a readable message on a bad command line.</summary>
    public static EmulatorCommandLine Parse(string[] args)
    {
        var url = "http://127.0.0.1:0";
        var options = new EmulatorOptions();
        string? clientId = null, clientSecret = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help" or "-?") return new EmulatorCommandLine(url, options, help: true);
            if (i + 1 >= args.Length) throw new ArgumentException("Missing value after " + name + ".");
            var value = args[++i];
            switch (name)
            {
                case "--urls": url = CheckUrl(value); break;
                case "--client-id": clientId = value; break;
                case "--client-secret": clientSecret = value; break;
                case "--rate-limit-per-minute": options.RateLimitPerMinute = Int(name, value); break;
                case "--token-lifetime-seconds": options.TokenLifetime = TimeSpan.FromSeconds(Math.Max(1, Int(name, value))); break;
                case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Int(name, value)); break;
                case "--seed": options.Seed = Int(name, value, allowNegative: true); break;
                case "--max-bulk-entities": options.MaxBulkEntities = Int(name, value); break;
                case "--max-body-bytes": options.MaxBodyBytes = Int(name, value); break;
                default: throw new ArgumentException("Unknown option " + name + ".");
            }
        }
        if ((clientId == null) != (clientSecret == null)) throw new ArgumentException("--client-id and --client-secret go together.");
        if (clientId != null) options.Clients[clientId] = clientSecret!;
        return new EmulatorCommandLine(url, options, help: false);
    }

    private static int Int(string name, string value, bool allowNegative = false)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || (!allowNegative && number < 0))
        {
            throw new ArgumentException(name + " needs a " + (allowNegative ? "" : "non-negative ") + "whole number, not '" + value + "'.");
        }
        return number;
    }

    /// <summary>The emulator has no TLS and no auth on its control surface: it only listens on loopback.</summary>
    private static string CheckUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != "http")
        {
            throw new ArgumentException("--urls needs an http:// URL such as http://127.0.0.1:5140, not '" + value + "'.");
        }
        if (!uri.IsLoopback) throw new ArgumentException("--urls must be a loopback address (127.0.0.1, [::1] or localhost).");
        return value;
    }
}
