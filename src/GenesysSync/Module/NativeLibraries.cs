using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GenesysSync.Module;

/// <summary>Finds SQLite's native library under Dependencies/runtimes/&lt;rid&gt;/native/.</summary>
internal static class NativeLibraries
{
    internal static string? Find(string dependencyDirectory, string libraryName)
    {
        var bare = Path.GetFileNameWithoutExtension(libraryName);
        if (bare.StartsWith("lib", StringComparison.Ordinal)) bare = bare.Substring(3);
        string file;
        string os;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) { os = "win"; file = bare + ".dll"; }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) { os = "osx"; file = "lib" + bare + ".dylib"; }
        else { os = IsMusl() ? "linux-musl" : "linux"; file = "lib" + bare + ".so"; }

        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            _ => "x64",
        };
        var path = Path.Combine(dependencyDirectory, "runtimes", os + "-" + arch, "native", file);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Windows PowerShell 5.1: DllImport searches the process folder, so load ours first by full path.</summary>
    internal static void PreloadSqliteOnDesktop(string dependencyDirectory)
    {
        var path = Find(dependencyDirectory, "e_sqlite3");
        if (path is not null) LoadLibrary(path);
    }

    private static bool IsMusl()
    {
        try { return File.Exists("/etc/alpine-release"); }
        catch (IOException) { return false; }
    }

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr LoadLibrary(string path);
}
