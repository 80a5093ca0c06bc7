using System.Reflection;

namespace GenesysSync.Tests.Hosting;

/// <summary>Paths baked in at build time (see the test csproj), so tests never guess.</summary>
public static class TestPaths
{
    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string ModuleDir => Metadata("ModuleDir");
    public static string ModuleManifest => Path.Combine(ModuleDir, "GenesysSync.psd1");
    public static string HostDll => Metadata("HostDll");
    public static string RepoRoot => Metadata("RepoRoot");
}
