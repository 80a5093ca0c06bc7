using System.Xml.Linq;

namespace GenesysSync.HelpGen;

/// <summary>Writes the MAML document Get-Help reads for binary cmdlets.</summary>
internal static class Maml
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace MamlNs = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(IEnumerable<CmdletInfo> cmdlets, IReadOnlyDictionary<string, HelpPage> pages)
    {
        var root = new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", MamlNs),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev));
        foreach (var cmdlet in cmdlets)
        {
            pages.TryGetValue(cmdlet.Name, out var page);
            root.Add(CommandElement(cmdlet, page ?? new HelpPage { Name = cmdlet.Name }));
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + root.ToString();
    }

    private static XElement CommandElement(CmdletInfo cmdlet, HelpPage page)
    {
        var element = new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(page.Synopsis)),
            Description(page.Description),
            new XElement(Command + "syntax", cmdlet.SetNames().Select(set => SyntaxItem(cmdlet, page, set))),
            new XElement(Command + "parameters", cmdlet.Parameters.Select(p => Parameter(p, page, null))),
            new XElement(Command + "inputTypes", TypeList(Command + "inputType", page.Inputs, new List<string>())),
            new XElement(Command + "returnValues", TypeList(Command + "returnValue", page.Outputs, cmdlet.Outputs)),
            new XElement(MamlNs + "alertSet", new XElement(MamlNs + "alert", Paragraphs(page.Notes))),
            new XElement(Command + "examples", page.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(MamlNs + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", page.Links.Select(l => new XElement(MamlNs + "navigationLink",
                new XElement(MamlNs + "linkText", l), new XElement(MamlNs + "uri", l.StartsWith("http", StringComparison.Ordinal) ? l : "")))));
        return element;
    }

    private static XElement SyntaxItem(CmdletInfo cmdlet, HelpPage page, string set)
    {
        var item = new XElement(Command + "syntaxItem", new XElement(MamlNs + "name", cmdlet.Name));
        foreach (var parameter in cmdlet.Parameters)
        {
            var use = parameter.Sets.FirstOrDefault(s => s.SetName == set)
                ?? parameter.Sets.FirstOrDefault(s => s.SetName == System.Management.Automation.ParameterAttribute.AllParameterSets);
            if (use is not null) item.Add(Parameter(parameter, page, use));
        }
        return item;
    }

    private static XElement Parameter(ParameterInfo parameter, HelpPage page, ParameterSetUse? use)
    {
        var uses = use is null ? parameter.Sets : new List<ParameterSetUse> { use };
        var mandatory = use?.Mandatory ?? parameter.Sets.All(s => s.Mandatory);
        var position = uses.Select(u => u.Position).Where(p => p >= 0).DefaultIfEmpty(int.MinValue).Min();
        page.Parameters.TryGetValue(parameter.Name, out var text);
        return new XElement(Command + "parameter",
            new XAttribute("required", mandatory ? "true" : "false"),
            new XAttribute("variableLength", parameter.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", parameter.PipelineText(use)),
            new XAttribute("position", position == int.MinValue ? "named" : position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(MamlNs + "name", parameter.Name),
            Description(text ?? ""),
            parameter.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), parameter.TypeName),
            new XElement(Dev + "type", new XElement(MamlNs + "name", parameter.TypeName), new XElement(MamlNs + "uri")),
            new XElement(Dev + "defaultValue", parameter.IsSwitch ? "False" : "None"));
    }

    private static IEnumerable<XElement> TypeList(XName itemName, string prose, List<string> reflected)
    {
        // Prose: "### TypeName" headings followed by text; falls back to reflected [OutputType]s.
        var items = new List<(string Type, string Text)>();
        string? current = null;
        var text = new List<string>();
        foreach (var line in prose.Split('\n'))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (current is not null) items.Add((current, string.Join("\n", text).Trim()));
                current = line.Substring(4).Trim();
                text.Clear();
            }
            else text.Add(line);
        }
        if (current is not null) items.Add((current, string.Join("\n", text).Trim()));
        if (items.Count == 0) items.AddRange(reflected.Select(r => (r, "")));
        return items.Select(i => new XElement(itemName,
            new XElement(Dev + "type", new XElement(MamlNs + "name", i.Type), new XElement(MamlNs + "uri")),
            Description(i.Text)));
    }

    private static XElement Description(string text) => new(MamlNs + "description", Paragraphs(text));

    private static IEnumerable<XElement> Paragraphs(string text)
        => text.Replace("\r", "").Split(new[] { "\n\n" }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new XElement(MamlNs + "para", p.Trim()));
}
