using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GenesysSync.Module;

/// <summary>
/// The pure rules of module loading: which assembly answers a Windows PowerShell 5.1 resolve request, and which
/// runtimes/&lt;rid&gt;/native folder serves this process. Free of PowerShell and of GenesysSync.Core (they run before
/// either may load), so the tests compile this file as well.
/// </summary>
internal static class LoadRules
{
    /// <summary>
    /// What a binding redirect would do: an assembly already loaded in the AppDomain with the same name (and public key
    /// token, when the request has one) and a version at least the requested one is reused, so one copy serves everyone
    /// (two copies of System.Memory make "Span&lt;T&gt; is not Span&lt;T&gt;" failures); otherwise the copy we ship, of
    /// whatever version (NuGet ships the highest any of our assemblies references). Null: not ours to resolve.
    /// </summary>
    internal static AssemblyName? Choose(AssemblyName requested, IEnumerable<AssemblyName> loaded, AssemblyName? shipped)
    {
        if (requested.Name is null) return null;
        AssemblyName? best = null;
        foreach (var candidate in loaded)
        {
            if (!Satisfies(requested, candidate)) continue;
            if (best is null || (candidate.Version ?? new Version()) > (best.Version ?? new Version())) best = candidate;
        }
        if (best is not null) return best;
        return shipped is not null && string.Equals(shipped.Name, requested.Name, StringComparison.OrdinalIgnoreCase) ? shipped : null;
    }

    /// <summary>Same name, compatible public key token, version ≥ the requested one (an unversioned request takes any).</summary>
    internal static bool Satisfies(AssemblyName requested, AssemblyName candidate)
    {
        if (!string.Equals(requested.Name, candidate.Name, StringComparison.OrdinalIgnoreCase)) return false;
        var wantedToken = requested.GetPublicKeyToken();
        if (wantedToken is { Length: > 0 })
        {
            var token = candidate.GetPublicKeyToken();
            if (token is null || token.Length != wantedToken.Length) return false;
            for (var i = 0; i < token.Length; i++) if (token[i] != wantedToken[i]) return false;
        }
        return requested.Version is null || (candidate.Version is not null && candidate.Version >= requested.Version);
    }

    /// <summary>
    /// The RID folder for this process: "win-x64", "win-x86", "win-arm64", "linux-musl-x64", "osx-arm64", …
    /// The pointer size settles the bitness: old .NET Framework builds of RuntimeInformation could report the OS's
    /// architecture rather than the process's, and a 32-bit powershell.exe (SysWOW64) must load the x86 library.
    /// </summary>
    internal static string RuntimeId(bool windows, bool osx, bool musl, Architecture processArchitecture, int pointerSize)
    {
        var os = windows ? "win" : osx ? "osx" : musl ? "linux-musl" : "linux";
        var arch = processArchitecture switch
        {
            Architecture.X86 or Architecture.X64 => pointerSize == 4 ? "x86" : "x64",
            Architecture.Arm or Architecture.Arm64 => pointerSize == 4 ? "arm" : "arm64",
            _ => pointerSize == 4 ? "x86" : "x64",
        };
        return os + "-" + arch;
    }

    /// <summary>"e_sqlite3" → e_sqlite3.dll / libe_sqlite3.dylib / libe_sqlite3.so.</summary>
    internal static string NativeFileName(string libraryName, bool windows, bool osx)
    {
        var bare = libraryName;
        foreach (var extension in new[] { ".dll", ".so", ".dylib" })
            if (bare.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) bare = bare.Substring(0, bare.Length - extension.Length);
        if (bare.StartsWith("lib", StringComparison.Ordinal)) bare = bare.Substring(3);
        return windows ? bare + ".dll" : osx ? "lib" + bare + ".dylib" : "lib" + bare + ".so";
    }
}
