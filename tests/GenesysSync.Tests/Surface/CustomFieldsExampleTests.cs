using GenesysSync.Tests.Hosting;

namespace GenesysSync.Tests.Surface;

/// <summary>examples/custom-fields.ps1 run as README says (the host tool, -File), against the sandbox.</summary>
public class CustomFieldsExampleTests
{
    [Fact]
    public void TheCustomFieldsExampleRunsAndShowsTheStory()
    {
        var script = Path.Combine(TestPaths.RepoRoot, "examples", "custom-fields.ps1");
        var result = HostProcess.Run(new[] { "-File", script });
        var all = result.StdOut + result.StdErr;

        Assert.True(result.ExitCode == 0, all);
        Assert.DoesNotContain("Line |", all); // no error of any kind (a script error does not change the exit code)
        Assert.DoesNotContain("Exception", all);

        // The messy values convert; the bad row (Platinum) fails alone with InvalidCustomField, and says why without the value.
        Assert.Contains("First run: 4 created, 0 updated, 0 unchanged, 1 failed (row 4: InvalidCustomField)", result.StdOut);
        Assert.Contains("Row 4: custom field accountTier_enum must be one of: Gold, Silver, Bronze.", result.StdOut);
        Assert.DoesNotContain("Platinum", result.StdOut);
        // Unchanged: nothing written, no request.
        Assert.Contains("Second run: 0 created, 0 updated, 4 unchanged, 1 failed (row 4: InvalidCustomField)", result.StdOut);
        Assert.Contains("Requests sent: 0", result.StdOut);
        // One changed value: one update naming the custom field.
        Assert.Contains("changed: custom.seats_integer", result.StdOut);
        Assert.Contains("Third run: 0 created, 1 updated, 3 unchanged, 1 failed (row 4: InvalidCustomField)", result.StdOut);
        // One contact's values, converted: "1,200" → 1200, "golf; wine" → two tags, yes → True.
        Assert.Matches(@"seats_integer\s+1200", result.StdOut);
        Assert.Matches(@"interests_tag\s+\{golf, wine\}", result.StdOut);
        Assert.Matches(@"vip_checkbox\s+True", result.StdOut);
        // A field added with Set-, filled on one contact (enum case fixed); a field removed, and what that does.
        Assert.Contains("Ada Lovelace: schema version 2, territory_enum = North, accountTier_enum = Gold", result.StdOut);
        Assert.Contains("Fields now: accountTier_enum, interests_tag, renewalDate_date, seats_integer, territory_enum", result.StdOut);
        Assert.Contains("Column 'VIP' is not sent", all);
        Assert.Contains("Grace Hopper: schema version 3, fields: accountTier_enum, interests_tag, renewalDate_date, seats_integer", result.StdOut);
        Assert.Contains("Ada Lovelace: schema version 2, fields: accountTier_enum, interests_tag, renewalDate_date, seats_integer, territory_enum, vip_checkbox", result.StdOut);
    }
}
