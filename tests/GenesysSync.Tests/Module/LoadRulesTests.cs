using System.Reflection;
using System.Runtime.InteropServices;
using GenesysSync.Module;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Module;

/// <summary>The module's loading rules for Windows PowerShell 5.1 (resolver) and every OS/CPU (native SQLite), as pure functions.</summary>
public sealed class LoadRulesTests
{
    private const string MsToken = "cc7b13ffcd2ddd51";

    private static AssemblyName Name(string name, string? version, string? token = MsToken)
        => new($"{name}{(version is null ? "" : ", Version=" + version)}, Culture=neutral{(token is null ? "" : ", PublicKeyToken=" + token)}");

    [Fact]
    public void A_request_is_answered_with_a_higher_shipped_version_as_a_binding_redirect_would()
    {
        var shipped = Name("System.Memory", "4.0.5.0");
        Assert.Same(shipped, LoadRules.Choose(Name("System.Memory", "4.0.1.1"), Array.Empty<AssemblyName>(), shipped));
    }

    [Fact]
    public void An_already_loaded_copy_that_is_new_enough_is_reused_rather_than_loading_a_second_one()
    {
        var loaded = new[] { Name("System.Memory", "4.0.1.2"), Name("System.Memory", "4.0.5.0"), Name("Polly.Core", "8.0.0.0", null) };
        var choice = LoadRules.Choose(Name("System.Memory", "4.0.1.1"), loaded, Name("System.Memory", "4.0.5.0"));
        Assert.Same(loaded[1], choice); // the highest loaded copy that satisfies the request
    }

    [Fact]
    public void An_older_loaded_copy_is_not_reused_our_shipped_one_is_loaded()
    {
        var loaded = new[] { Name("System.Runtime.CompilerServices.Unsafe", "4.0.4.1") };
        var shipped = Name("System.Runtime.CompilerServices.Unsafe", "6.0.3.0");
        Assert.Same(shipped, LoadRules.Choose(Name("System.Runtime.CompilerServices.Unsafe", "6.0.0.0"), loaded, shipped));
    }

    [Fact]
    public void A_loaded_assembly_with_another_public_key_token_does_not_count()
    {
        var impostor = Name("System.Text.Json", "10.0.0.0", "0123456789abcdef");
        var shipped = Name("System.Text.Json", "10.0.0.0");
        Assert.Same(shipped, LoadRules.Choose(Name("System.Text.Json", "10.0.0.0"), new[] { impostor }, shipped));
    }

    [Fact]
    public void Names_we_do_not_ship_are_not_ours_to_resolve()
        => Assert.Null(LoadRules.Choose(Name("Newtonsoft.Json", "13.0.0.0", "30ad4fe6b2a6aeed"), Array.Empty<AssemblyName>(), null));

    [Fact]
    public void An_unversioned_request_takes_any_version()
        => Assert.True(LoadRules.Satisfies(Name("Polly.Core", null, null), Name("Polly.Core", "8.9.1.0", "c8a3ffc3f8f825cc")));

    [Theory]
    [InlineData(true, false, false, Architecture.X64, 8, "win-x64")]
    [InlineData(true, false, false, Architecture.X86, 4, "win-x86")]
    [InlineData(true, false, false, Architecture.X64, 4, "win-x86")]   // 32-bit powershell.exe on 64-bit Windows, misreported
    [InlineData(true, false, false, Architecture.Arm64, 8, "win-arm64")]
    [InlineData(true, false, false, Architecture.X86, 8, "win-x64")]
    [InlineData(false, false, false, Architecture.X64, 8, "linux-x64")]
    [InlineData(false, false, true, Architecture.X64, 8, "linux-musl-x64")]
    [InlineData(false, false, false, Architecture.Arm64, 8, "linux-arm64")]
    [InlineData(false, true, false, Architecture.Arm64, 8, "osx-arm64")]
    public void The_native_folder_follows_the_process_os_and_bitness(bool windows, bool osx, bool musl, Architecture arch, int pointerSize, string expected)
        => Assert.Equal(expected, LoadRules.RuntimeId(windows, osx, musl, arch, pointerSize));

    [Theory]
    [InlineData("e_sqlite3", true, false, "e_sqlite3.dll")]
    [InlineData("e_sqlite3.dll", true, false, "e_sqlite3.dll")]
    [InlineData("libe_sqlite3", false, false, "libe_sqlite3.so")]
    [InlineData("e_sqlite3", false, true, "libe_sqlite3.dylib")]
    public void The_native_file_name_follows_the_os(string library, bool windows, bool osx, string expected)
        => Assert.Equal(expected, LoadRules.NativeFileName(library, windows, osx));

    [Fact]
    public void Every_rid_the_rules_can_pick_on_windows_is_shipped_by_the_build()
    {
        var targets = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "GenesysSync", "GenesysSync.Module.targets"));
        foreach (var arch in new[] { Architecture.X86, Architecture.X64, Architecture.Arm64 })
        foreach (var size in new[] { 4, 8 })
        {
            var rid = LoadRules.RuntimeId(true, false, false, arch, size);
            if (rid == "win-arm") continue; // no 32-bit ARM Windows PowerShell
            Assert.Contains(rid, targets);
        }
    }
}
