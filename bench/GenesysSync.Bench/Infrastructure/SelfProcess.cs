using System.Diagnostics;

namespace GenesysSync.Bench.Infrastructure;

/// <summary>Starts this program again in another mode (emulator host, crash-test child).</summary>
public static class SelfProcess
{
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = host;
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }
        else
        {
            start.FileName = host; // the apphost
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>Peak resident set of a process (Linux VmHWM), or null where unknown.</summary>
    public static long? PeakResidentBytes(int pid) => ProcStatus($"/proc/{pid}/status", "VmHWM:");

    public static long? ProcStatus(string path, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var parts = line.Substring(field.Length).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
