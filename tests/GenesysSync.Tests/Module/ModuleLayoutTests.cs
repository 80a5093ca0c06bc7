using System.Management.Automation;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Module;

/// <summary>The built module folder loads in PowerShell 7 and looks like a proper module.</summary>
public class ModuleLayoutTests
{
    [Fact]
    public void ModuleFolderNeverShipsTheEngineAssembly()
    {
        var files = Directory.EnumerateFiles(TestPaths.ModuleDir, "*", SearchOption.AllDirectories).ToList();
        Assert.DoesNotContain(files, f => Path.GetFileName(f).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase));
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDir, "GenesysSync.dll")));
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDir, "Dependencies", "GenesysSync.Core.dll")));
        Assert.False(File.Exists(Path.Combine(TestPaths.ModuleDir, "GenesysSync.Core.dll")), "engine must live in Dependencies/");
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDir, "en-US", "GenesysSync.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDir, "GenesysSync.format.ps1xml")));
    }

    [Theory]
    [InlineData("linux-x64", "libe_sqlite3.so")]
    [InlineData("linux-arm64", "libe_sqlite3.so")]
    [InlineData("win-x64", "e_sqlite3.dll")]
    [InlineData("win-x86", "e_sqlite3.dll")]
    [InlineData("osx-x64", "libe_sqlite3.dylib")]
    [InlineData("osx-arm64", "libe_sqlite3.dylib")]
    public void NativeSqliteShipsForEveryOs(string rid, string file)
    {
        Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDir, "Dependencies", "runtimes", rid, "native", file)));
    }

    [Fact]
    public void ManifestIsValidAndExplicit()
    {
        var result = PowerShellRun.Invoke("Test-ModuleManifest -Path $manifest", new Dictionary<string, object?> { ["manifest"] = TestPaths.ModuleManifest }, importModule: false);
        result.AssertNoErrors();
        var module = (PSModuleInfo)result.Output.Single().BaseObject;
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);
        Assert.Equal(new[] { "Core", "Desktop" }, module.CompatiblePSEditions.OrderBy(e => e));
        Assert.Contains("GenesysSync.format.ps1xml", module.ExportedFormatFiles.Select(Path.GetFileName));
        Assert.NotEmpty(module.ExportedCmdlets);
        Assert.Empty(module.ExportedFunctions);
    }

    [Fact]
    public void ImportExportsExactlyTheManifestCmdlets()
    {
        var manifest = File.ReadAllText(TestPaths.ModuleManifest);
        var block = System.Text.RegularExpressions.Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        var declared = System.Text.RegularExpressions.Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var result = PowerShellRun.Invoke("(Get-Command -Module GenesysSync).Name");
        result.AssertNoErrors();
        var actual = result.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(actual);
        Assert.Equal(declared, actual);
    }

    [Fact]
    public void EveryDependencyWorksInsideTheImportedModule()
    {
        var result = PowerShellRun.Invoke("[GenesysSync.Diagnostics.DependencyCheck]::Run()");
        result.AssertNoErrors();
        var checks = result.Output.Select(o => (Name: (string)o.Properties["Name"].Value, Ok: (bool)o.Properties["Ok"].Value, Detail: (string)o.Properties["Detail"].Value)).ToList();
        Assert.Equal(new[] { "Polly.Core", "libphonenumber-csharp", "CsvHelper", "System.Text.Json", "Microsoft.Data.Sqlite" }, checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.True(c.Ok, c.Name + ": " + c.Detail));
        Assert.Equal("+14155552671", checks.Single(c => c.Name == "libphonenumber-csharp").Detail);
        Assert.Equal("Smith, Jo", checks.Single(c => c.Name == "CsvHelper").Detail);
        Assert.StartsWith("SQLite 3.", checks.Single(c => c.Name == "Microsoft.Data.Sqlite").Detail);
    }
}
