using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GenesysSync.Host;

/// <summary>
/// Turns "-File script.ps1 args..." into a call the parameter binder understands like pwsh -File does: a token such
/// as -Name stays a parameter name (so -Name value, -Name:value and -Switch work), every value is passed through a
/// variable and never parsed as code.
/// </summary>
internal static partial class ScriptArguments
{
    [GeneratedRegex(@"^-([A-Za-z_][A-Za-z0-9_]*)(:(.*))?$", RegexOptions.Singleline)]
    private static partial Regex ParameterToken();

    /// <summary>A script taking (path, values[]) that calls path with the arguments in order.</summary>
    public static string Invocation(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder("param($__gsFile, $__gsArgs) & $__gsFile");
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = "$__gsArgs[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var match = ParameterToken().Match(arguments[i]);
            if (!match.Success) text.Append(' ').Append(value);
            else if (match.Groups[2].Success) text.Append(" -").Append(match.Groups[1].Value).Append(':').Append(value + ".Substring(" + (match.Groups[1].Length + 2).ToString(CultureInfo.InvariantCulture) + ")");
            else text.Append(" -").Append(match.Groups[1].Value);
        }
        return text.ToString();
    }
}
