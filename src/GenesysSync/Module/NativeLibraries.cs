using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GenesysSync.Module;

/// <summary>Finds SQLite's native library under Dependencies/runtimes/&lt;rid&gt;/native/.</summary>
internal static class NativeLibraries
{
    internal static string? Find(string dependencyDirectory, string libraryName)
    {
        var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var osx = !windows && RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        var rid = LoadRules.RuntimeId(windows, osx, !windows && !osx && IsMusl(), RuntimeInformation.ProcessArchitecture, IntPtr.Size);
        var path = Path.Combine(dependencyDirectory, "runtimes", rid, "native", LoadRules.NativeFileName(libraryName, windows, osx));
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
