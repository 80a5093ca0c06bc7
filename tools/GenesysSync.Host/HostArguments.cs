namespace GenesysSync.Host;

internal sealed class HostArguments
{
    public const string Usage =
        "usage: GenesysSync.Host (-File script.ps1 [args...] | -Command 'text') [-Module path/to/GenesysSync.psd1] [-NoModule]";

    public string? File { get; private set; }
    public string? Command { get; private set; }
    public string? ModulePath { get; private set; }
    public bool NoModule { get; private set; }
    public List<string> Arguments { get; } = new();
    public string? Error { get; private set; }

    public static HostArguments Parse(string[] args)
    {
        var result = new HostArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (result.File is not null)
            {
                result.Arguments.Add(arg); // everything after -File belongs to the script
                continue;
            }
            switch (arg.ToLowerInvariant())
            {
                case "-file" or "-f" when i + 1 < args.Length: result.File = args[++i]; break;
                case "-command" or "-c" when i + 1 < args.Length: result.Command = string.Join(" ", args.Skip(i + 1)); i = args.Length; break;
                case "-module" when i + 1 < args.Length: result.ModulePath = args[++i]; break;
                case "-nomodule": result.NoModule = true; break;
                default: result.Error = $"Unknown or incomplete argument '{arg}'."; return result;
            }
        }
        if (result.File is null && result.Command is null) result.Error = "Give -File or -Command.";
        else if (result.File is not null && !System.IO.File.Exists(result.File)) result.Error = $"The script '{result.File}' does not exist.";
        return result;
    }
}
