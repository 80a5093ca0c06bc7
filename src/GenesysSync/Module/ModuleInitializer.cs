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

    // Windows PowerShell 5.1 (no binding redirects for a module): only names we ship are resolved. A copy already
    // loaded with a version at least the requested one is reused (as a redirect would); else ours, from Dependencies/.
    private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
    {
        try
        {
            var requested = new AssemblyName(args.Name);
            if (requested.Name is null) return null;
            var path = Path.Combine(DependencyDirectory, requested.Name + ".dll");
            if (!File.Exists(path)) return null; // not ours: leave it to the host and other handlers
            var shipped = AssemblyName.GetAssemblyName(path);
            var loaded = AppDomain.CurrentDomain.GetAssemblies();
            var names = new AssemblyName[loaded.Length];
            for (var i = 0; i < loaded.Length; i++) names[i] = loaded[i].GetName();
            var choice = LoadRules.Choose(requested, names, shipped);
            if (choice is null) return null;
            if (ReferenceEquals(choice, shipped)) return Assembly.LoadFrom(path);
            return loaded[Array.IndexOf(names, choice)];
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or ArgumentException or System.Security.SecurityException or UnauthorizedAccessException)
        {
            // A throwing resolve handler breaks the host's own loading: report "not found" instead.
            return null;
        }
    }
}
