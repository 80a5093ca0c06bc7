using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace GenesysSync.Host;

/// <summary>A minimal console PSHost: enough for Out-Default tables, streams, progress and exit codes.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleUI _ui = new();
    private readonly Guid _id = Guid.NewGuid();

    public PowerShell? Current { get; set; }
    public int? ExitCode { get; private set; }

    public override string Name => "GenesysSync.Host";
    public override Version Version => typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(0, 1);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode)
    {
        ExitCode = exitCode;
        Current?.BeginStop(null, null);
    }

    public void StopCurrent() => Current?.BeginStop(null, null);

    public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by GenesysSync.Host.");
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

internal sealed class ConsoleUI : PSHostUserInterface
{
    private readonly ConsoleRawUI _raw = new();
    private readonly bool _interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public override PSHostRawUserInterface RawUI => _raw;

    // Colours only on a real terminal; logs and pipes get plain text.
    public override bool SupportsVirtualTerminal => !Console.IsOutputRedirected;

    public override void Write(string value) => Console.Out.Write(Plain(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Out.Write(Plain(value));
    public override void WriteLine(string value) => Console.Out.WriteLine(Plain(value));
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(Plain(value));

    private static readonly System.Text.RegularExpressions.Regex Ansi = new("\u001b\\[[0-9;?]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static string Plain(string value) => Console.IsOutputRedirected ? Ansi.Replace(value, "") : value;
    public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
    public override void WriteInformation(InformationRecord record) { }

    // One line per progress update on stderr; nothing when output is redirected (logs stay clean).
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (!_interactive) return;
        if (record.RecordType == ProgressRecordType.Completed)
        {
            Console.Error.Write("\r" + new string(' ', Math.Max(0, _raw.BufferSize.Width - 1)) + "\r");
            return;
        }
        var percent = record.PercentComplete >= 0 ? $" {record.PercentComplete}%" : "";
        var line = $"{record.Activity}: {record.StatusDescription}{percent}";
        var width = Math.Max(20, _raw.BufferSize.Width - 1);
        Console.Error.Write("\r" + (line.Length > width ? line.Substring(0, width) : line.PadRight(width)));
    }

    public override string ReadLine()
    {
        if (!_interactive) throw new PSInvalidOperationException("The host is not interactive: no prompts can be answered. Pass every parameter, or use -Confirm:$false.");
        return Console.ReadLine() ?? string.Empty;
    }

    public override System.Security.SecureString ReadLineAsSecureString()
    {
        var secure = new System.Security.SecureString();
        foreach (var c in ReadLine()) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
    {
        var result = new Dictionary<string, PSObject>();
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        foreach (var field in descriptions)
        {
            Write(field.Name + ": ");
            result[field.Name] = PSObject.AsPSObject(ReadLine());
        }
        return result;
    }

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteLine(caption);
        WriteLine(message);
        for (var i = 0; i < choices.Count; i++) WriteLine($"[{i}] {choices[i].Label.Replace("&", "")}");
        Write($"Choice (default {defaultChoice}): ");
        var answer = ReadLine();
        return int.TryParse(answer, out var chosen) && chosen >= 0 && chosen < choices.Count ? chosen : defaultChoice;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
    {
        WriteLine(message);
        Write("User: ");
        var user = string.IsNullOrEmpty(userName) ? ReadLine() : userName;
        Write("Password: ");
        return new PSCredential(user, ReadLineAsSecureString());
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        => PromptForCredential(caption, message, userName, targetName);
}

internal sealed class ConsoleRawUI : PSHostRawUserInterface
{
    private static int Width
    {
        get
        {
            try { return Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth); }
            catch (IOException) { return 160; }
        }
    }

    public override ConsoleColor BackgroundColor { get; set; }
    public override ConsoleColor ForegroundColor { get; set; }
    public override Size BufferSize { get => new(Width, 9999); set { } }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 1;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(Width, 100);
    public override Size MaxWindowSize => new(Width, 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => new(Width, 50); set { } }
    public override string WindowTitle { get; set; } = "GenesysSync";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("ReadKey is not supported by GenesysSync.Host.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
