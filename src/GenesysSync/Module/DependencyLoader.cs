using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace GenesysSync.Module;

/// <summary>
/// PowerShell 7 only. When the default context cannot find an assembly that GenesysSync.dll
/// references (the engine, or a type it touches such as CsvHelper's writer), the load is handed to
/// the isolated <see cref="DependencyLoadContext"/>, where everything the engine needs is resolved.
/// Only names we ship are resolved (no catch-all), so the host's assemblies are never shadowed.
/// </summary>
internal static class DependencyLoader
{
    private static DependencyLoadContext? _context;

    internal static DependencyLoadContext? Context => _context;

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Register(string dependencyDirectory)
    {
        if (_context is not null) return;
        _context = new DependencyLoadContext(dependencyDirectory);
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
        => _context is not null && _context.Ships(name) ? _context.LoadFromAssemblyName(name) : null;
}

/// <summary>
/// Loads Dependencies/*.dll in isolation. Assemblies that are part of the .NET runtime itself
/// (System.Text.Json, System.Memory, ...) are left to the runtime so that types such as Span
/// stay identical across contexts; everything else we ship (Polly, CsvHelper, PhoneNumbers,
/// Microsoft.Data.Sqlite, SQLitePCLRaw) is private to the module.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _directory;
    private readonly HashSet<string> _frameworkAssemblies;

    public DependencyLoadContext(string directory)
    {
        _directory = directory;
        _frameworkAssemblies = FrameworkAssemblyNames();
    }

    /// <summary>True for an assembly we ship in Dependencies/ that the runtime does not provide itself.</summary>
    public bool Ships(AssemblyName assemblyName)
        => assemblyName.Name is { } name && !_frameworkAssemblies.Contains(name) && File.Exists(Path.Combine(_directory, name + ".dll"));

    protected override Assembly? Load(AssemblyName assemblyName)
        => Ships(assemblyName) ? LoadFromAssemblyPath(Path.Combine(_directory, assemblyName.Name + ".dll")) : null;

    // SQLitePCLRaw's [DllImport("e_sqlite3")] lands here: pick the file for this OS and CPU.
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = NativeLibraries.Find(_directory, unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static HashSet<string> FrameworkAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (runtimeDirectory is null) return names;
        foreach (var file in Directory.EnumerateFiles(runtimeDirectory, "*.dll"))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }
        return names;
    }
}
