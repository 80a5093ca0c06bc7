using System.Reflection;
using System.Runtime.Loader;
using System.Text;

namespace GenesysSync.HelpGen;

/// <summary>
/// Writes the module's MAML help: prose (synopsis, description, examples, parameter text) from
/// docs/cmdlets/&lt;Verb-Noun&gt;.md, structure (parameter sets, types, mandatory, position,
/// pipeline input, aliases) from the built cmdlets themselves, so the two never disagree.
/// Usage: GenesysSync.HelpGen --docs DIR --module MODULEDIR --out FILE
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = ParseArgs(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: GenesysSync.HelpGen --docs DIR --module MODULEDIR --out FILE");
            return 2;
        }
        var (docsDir, moduleDir, outFile) = options.Value;

        var cmdlets = CmdletReader.Read(moduleDir);
        var pages = Directory.Exists(docsDir)
            ? Directory.EnumerateFiles(docsDir, "*.md").Select(MarkdownHelp.Parse).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, HelpPage>(StringComparer.OrdinalIgnoreCase);

        foreach (var cmdlet in cmdlets)
        {
            if (!pages.ContainsKey(cmdlet.Name))
                Console.WriteLine($"HelpGen: warning: no docs/cmdlets/{cmdlet.Name}.md");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        File.WriteAllText(outFile, Maml.Write(cmdlets, pages), new UTF8Encoding(false));
        return 0;
    }

    private static (string Docs, string Module, string Out)? ParseArgs(string[] args)
    {
        string? docs = null, module = null, output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--docs": docs = args[i + 1]; break;
                case "--module": module = args[i + 1]; break;
                case "--out": output = args[i + 1]; break;
                default: return null;
            }
        }
        return docs is null || module is null || output is null ? null : (docs, module, output);
    }
}

/// <summary>Loads GenesysSync.dll in a throw-away context and reads its cmdlet attributes.</summary>
internal static class CmdletReader
{
    public static List<CmdletInfo> Read(string moduleDir)
    {
        var context = new AssemblyLoadContext("HelpGen", isCollectible: true);
        var deps = Path.Combine(moduleDir, "Dependencies");
        context.Resolving += (ctx, name) =>
        {
            var path = Path.Combine(deps, name.Name + ".dll");
            return File.Exists(path) ? ctx.LoadFromAssemblyPath(path) : null;
        };
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(moduleDir, "GenesysSync.dll")));
        var result = new List<CmdletInfo>();
        foreach (var type in assembly.GetExportedTypes().Where(t => !t.IsAbstract))
        {
            var attr = type.GetCustomAttribute<System.Management.Automation.CmdletAttribute>();
            if (attr is null) continue;
            var outputs = type.GetCustomAttributes<System.Management.Automation.OutputTypeAttribute>()
                .SelectMany(o => o.Type).Select(t => t.Name).Distinct().ToList();
            var parameters = new List<ParameterInfo>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var sets = property.GetCustomAttributes<System.Management.Automation.ParameterAttribute>().ToList();
                if (sets.Count == 0) continue;
                var aliases = property.GetCustomAttributes<System.Management.Automation.AliasAttribute>().SelectMany(a => a.AliasNames).ToList();
                parameters.Add(new ParameterInfo(property.Name, TypeName(property.PropertyType),
                    property.PropertyType == typeof(System.Management.Automation.SwitchParameter), aliases,
                    sets.Select(s => new ParameterSetUse(s.ParameterSetName, s.Mandatory, s.Position, s.ValueFromPipeline, s.ValueFromPipelineByPropertyName)).ToList()));
            }
            result.Add(new CmdletInfo(attr.VerbName, attr.NounName, attr.DefaultParameterSetName, attr.SupportsShouldProcess, parameters, outputs));
        }
        return result.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        var underlying = Nullable.GetUnderlyingType(type);
        return underlying is not null ? TypeName(underlying) : type.Name;
    }
}

internal sealed record ParameterSetUse(string SetName, bool Mandatory, int Position, bool ByValue, bool ByPropertyName);

internal sealed record ParameterInfo(string Name, string TypeName, bool IsSwitch, List<string> Aliases, List<ParameterSetUse> Sets)
{
    public string PipelineText(ParameterSetUse? use = null)
    {
        var uses = use is null ? Sets : new List<ParameterSetUse> { use };
        var byValue = uses.Any(u => u.ByValue);
        var byName = uses.Any(u => u.ByPropertyName);
        return (byValue, byName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
    }
}

internal sealed record CmdletInfo(string Verb, string Noun, string? DefaultSet, bool SupportsShouldProcess, List<ParameterInfo> Parameters, List<string> Outputs)
{
    public string Name => Verb + "-" + Noun;

    /// <summary>Parameter set names in a stable order, the default set first.</summary>
    public List<string> SetNames()
    {
        var names = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName)
            .Where(n => n != System.Management.Automation.ParameterAttribute.AllParameterSets).Distinct().ToList();
        if (names.Count == 0) names.Add(System.Management.Automation.ParameterAttribute.AllParameterSets);
        return names.OrderBy(n => n == DefaultSet ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).ToList();
    }
}
