using System.Runtime.InteropServices;

namespace GenesysSync.Bench.Measure;

/// <summary>What the numbers were measured on.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, DateTimeOffset Date)
{
    public static MachineInfo Current()
    {
        string cpu = RuntimeInformation.ProcessArchitecture.ToString();
        try
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null) cpu = model.Substring(model.IndexOf(':') + 1).Trim();
        }
        catch (IOException) { }
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(cpu, Environment.ProcessorCount, Math.Round(memory, 1), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, DateTimeOffset.UtcNow);
    }

    public override string ToString() => $"{Cpu}, {Cores} cores, {MemoryGiB:0.#} GiB RAM, {Os}, {Runtime}";

    /// <summary>The 1/5/15-minute load averages (other work on a shared machine skews the rates).</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
