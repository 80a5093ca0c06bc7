using System.Management.Automation;
using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Cmdlets;

/// <summary>
/// Messages (row results, errors, warnings, verbose, the -LogPath file) name the row, the field and the reason, never a
/// cell value, also when the reason comes from PowerShell or .NET (whose own messages quote the value they choked on).
/// </summary>
public sealed class MessagePrivacyCmdletTests
{
    private static string? Prop(PSObject o, string name) => o.Properties[name].Value?.ToString();

    private static string Streams(PowerShellResult result) =>
        string.Join("\n", result.Errors.Select(e => e + " " + e.ErrorDetails?.Message + " " + e.Exception?.Message)
            .Concat(result.Warnings.Select(w => w.Message))
            .Concat(result.Verbose.Select(v => v.Message))
            .Concat(result.Debug.Select(d => d.Message)));

    [Fact]
    public void A_failing_map_expression_names_the_row_and_field_never_the_value_it_choked_on()
    {
        var log = Path.Combine(Path.GetTempPath(), "gs-privacy-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var result = PowerShellRun.Invoke($@"
                Connect-GenesysCloud -Sandbox | Out-Null
                $rows = @(
                    [pscustomobject]@{{ CrmId = 'C1'; FirstName = 'Ada'; Seats = 'SECRET-bob@example.com' }}
                    [pscustomobject]@{{ CrmId = 'C2'; FirstName = 'Bo'; Seats = 'SECRET-31/02/1990' }}
                    [pscustomobject]@{{ CrmId = 'C3'; FirstName = 'Cy'; Seats = 'SECRET-x' }}
                    [pscustomobject]@{{ CrmId = 'C4'; FirstName = 'Di'; Seats = 'SECRET-y' }}
                    [pscustomobject]@{{ CrmId = 'C5'; FirstName = 'Ed'; Seats = '12' }}
                )
                $map = @{{ title = {{ if ($_.CrmId -eq 'C2') {{ [datetime]::ParseExact($_.Seats, 'yyyy', $null) }} elseif ($_.CrmId -eq 'C3') {{ [int]::Parse($_.Seats) }} elseif ($_.CrmId -eq 'C4') {{ throw ""bad $($_.Seats)"" }} else {{ [int]$_.Seats }} }} }}
                $rows | Sync-GenesysExternalContact -Key CrmId -ExternalSource CRM -Map $map -LogPath '{log}' -Verbose
            ");

            Assert.Null(result.Terminating);
            var rows = result.Output.Where(o => o.TypeNames[0] == "GenesysSync.GenesysSyncResult").ToDictionary(o => (int)o.Properties["RowNumber"].Value);
            Assert.Equal(5, rows.Count);
            foreach (var n in new[] { 1, 2, 3, 4 })
            {
                Assert.Equal(("Failed", "MapExpressionFailed"), (Prop(rows[n], "Action"), Prop(rows[n], "ErrorCode")));
                Assert.StartsWith($"Row {n}: the map expression for title failed", Prop(rows[n], "Message"));
            }
            Assert.Equal("Created", Prop(rows[5], "Action"));
            Assert.Matches(@"^Row 1: the map expression for title failed \(InvalidCastFromStringToInteger \(PSInvalidCastException\) at line \d+, char \d+\)\.$", Prop(rows[1], "Message"));
            Assert.Matches(@"^Row 3: the map expression for title failed \(FormatException at line \d+, char \d+\)\.$", Prop(rows[3], "Message"));
            Assert.Contains("failed (a throw statement", Prop(rows[4], "Message"));
            var messages = string.Join("\n", rows.Values.Select(r => Prop(r, "Message")));
            Assert.DoesNotContain("SECRET", messages);
            Assert.DoesNotContain("SECRET", Streams(result));
            Assert.DoesNotContain("SECRET", File.ReadAllText(log));
        }
        finally
        {
            File.Delete(log);
        }
    }
}
