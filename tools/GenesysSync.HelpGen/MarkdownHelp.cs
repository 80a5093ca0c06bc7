namespace GenesysSync.HelpGen;

internal sealed record HelpExample(string Title, string Code, string Remarks);

internal sealed class HelpPage
{
    public string Name { get; set; } = "";
    public string Synopsis { get; set; } = "";
    public string Description { get; set; } = "";
    public List<HelpExample> Examples { get; } = new();
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string Inputs { get; set; } = "";
    public string Outputs { get; set; } = "";
    public string Notes { get; set; } = "";
    public List<string> Links { get; } = new();
}

/// <summary>
/// Reads a platyPS-style page: "# Name", then "## SYNOPSIS", "## DESCRIPTION", "## EXAMPLES"
/// (each "### title" with a fenced code block and remarks), "## PARAMETERS" (each "### -Name"
/// with its description; yaml blocks are ignored because metadata comes from the cmdlet),
/// "## INPUTS", "## OUTPUTS", "## NOTES", "## RELATED LINKS".
/// </summary>
internal static class MarkdownHelp
{
    public static HelpPage Parse(string path)
    {
        var page = new HelpPage { Name = Path.GetFileNameWithoutExtension(path) };
        string section = "";
        string? sub = null;
        var buffer = new List<string>();
        var lines = File.ReadAllLines(path);
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            i = 1;
            while (i < lines.Length && lines[i].Trim() != "---") i++;
            i++;
        }

        void Flush()
        {
            var text = string.Join("\n", buffer).Trim();
            buffer.Clear();
            switch (section)
            {
                case "SYNOPSIS": page.Synopsis = text; break;
                case "DESCRIPTION": page.Description = text; break;
                case "EXAMPLES" when sub is not null: page.Examples.Add(SplitExample(sub, text)); break;
                case "PARAMETERS" when sub is not null && sub.StartsWith("-", StringComparison.Ordinal):
                    page.Parameters[sub.Substring(1).Trim()] = StripFences(text); break;
                case "INPUTS": page.Inputs = text; break;
                case "OUTPUTS": page.Outputs = text; break;
                case "NOTES": page.Notes = text; break;
                case "RELATED LINKS":
                    page.Links.AddRange(text.Split('\n').Select(l => l.Trim().TrimStart('-', '*').Trim()).Where(l => l.Length > 0));
                    break;
            }
        }

        var inFence = false;
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(3).Trim().ToUpperInvariant();
                sub = null;
                continue;
            }
            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                sub = line.Substring(4).Trim();
                continue;
            }
            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && section.Length == 0)
            {
                page.Name = line.Substring(2).Trim();
                continue;
            }
            buffer.Add(line);
        }
        Flush();
        return page;
    }

    private static HelpExample SplitExample(string title, string text)
    {
        var lines = text.Split('\n');
        var code = new List<string>();
        var remarks = new List<string>();
        var inFence = false;
        var seenFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                seenFence = true;
                continue;
            }
            (inFence ? code : remarks).Add(line);
        }
        if (!seenFence) return new HelpExample(title, text, "");
        return new HelpExample(title, string.Join("\n", code).Trim(), string.Join("\n", remarks).Trim());
    }

    // Parameter sections may carry a platyPS yaml block; its facts come from the cmdlet instead.
    private static string StripFences(string text)
    {
        var kept = new List<string>();
        var inFence = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (!inFence) kept.Add(line);
        }
        return string.Join("\n", kept).Trim();
    }
}
