using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace GenesysSync.Module;

/// <summary>
/// PowerShell 7 only. Our own engine assemblies are handed from the default context to an isolated
/// <see cref="DependencyLoadContext"/>; everything they need is then resolved inside it. Only names
/// we ship are resolved (no catch-all), so the host's assemblies are never shadowed.
/// </summary>
internal static class DependencyLoader
{
    // Assemblies that GenesysSync.dll references directly and that live in Dependencies/.
    private static readonly HashSet<string> EngineAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "GenesysSync.Core",
        "GenesysSync.Emulator.Org",
    };

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
        => name.Name is not null && EngineAssemblies.Contains(name.Name) ? _context?.LoadFromAssemblyName(name) : null;
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

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || _frameworkAssemblies.Contains(name)) return null;
        var path = Path.Combine(_directory, name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

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
