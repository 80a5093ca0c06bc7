using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace GenesysSync.Module;

/// <summary>
/// Runs when the module is imported. GenesysSync.dll sits in the module root; the engine and every
/// third-party dll sit in Dependencies/. On PowerShell 7 they load into their own
/// AssemblyLoadContext so their versions never collide with what the host already loaded; on
/// Windows PowerShell 5.1 (one AppDomain, no ALCs) they are resolved from Dependencies/ by name.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static string ModuleDirectory { get; } =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

    internal static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "Dependencies");

    public void OnImport()
    {
        if (IsNetCore)
        {
            DependencyLoader.Register(DependencyDirectory);
        }
        else
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
            NativeLibraries.PreloadSqliteOnDesktop(DependencyDirectory);
        }
        // Load the engine now rather than at the first cmdlet call, so a broken install fails at import.
        Assembly.Load(new AssemblyName("GenesysSync.Core"));
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (!IsNetCore)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnDesktop;
        }
        Session.GenesysSession.Clear();
    }

    private static bool IsNetCore =>
        !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    // Windows PowerShell 5.1: only names we ship are resolved, from Dependencies/.
    private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (name is null) return null;
        var path = Path.Combine(DependencyDirectory, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
