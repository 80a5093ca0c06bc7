using GenesysSync.Harness;
using GenesysSync.Input;
using GenesysSync.Sync;

namespace GenesysSync.Tests.Faults;

/// <summary>The benchmark's generated CRM extract: deterministic, parseable, and every phone normalizes to the E.164 it promises.</summary>
public sealed class SyntheticDatasetTests
{
    [Fact]
    public void RowsAreDeterministicAndPhonesNormalizeToTheExpectedE164()
    {
        var a = new SyntheticDataset(5000, seed: 3).Enumerate().ToList();
        var b = new SyntheticDataset(5000, seed: 3).Enumerate().ToList();
        Assert.Equal(a.Select(r => r.EmailCell + r.PhoneCell + r.LastCell), b.Select(r => r.EmailCell + r.PhoneCell + r.LastCell));
        Assert.Equal(5000, a.Select(r => r.CrmId).Distinct().Count());
        Assert.Equal(5000, a.Select(r => r.Email.ToLowerInvariant()).Distinct().Count());
        foreach (var row in a)
        {
            Assert.True(ContactNormalizer.TryNormalizePhone(row.PhoneCell, "US", strict: false, out var e164, out _, out _), row.PhoneCell);
            Assert.Equal(row.PhoneE164, e164);
            Assert.True(EmailAddress.TryNormalize(row.EmailCell, out _), row.EmailCell);
        }
        Assert.Contains(a, r => r.PhoneE164.StartsWith("+44", StringComparison.Ordinal));
        Assert.Contains(a, r => r.PhoneE164.StartsWith("+49", StringComparison.Ordinal));
        Assert.Contains(a, r => r.PhoneE164.StartsWith("+33", StringComparison.Ordinal));
        Assert.Contains(a, r => r.First.Any(c => c > 0x2000)); // non-Latin names
    }

    [Fact]
    public void LaterRevisionChangesAndRemovesTheAnnouncedRowsAndTheCsvReadsBack()
    {
        var first = new SyntheticDataset(1000, seed: 5);
        var second = first.With(changeEvery: 100, removeEvery: 20, revision: 2);
        Assert.Equal(950, second.PresentCount);
        Assert.Equal(950, second.Enumerate().Count());
        Assert.Equal(10, first.Enumerate().Count(r => second.IsChanged(r.Index)));
        var changed = second.Row(99);
        Assert.NotEqual(first.Row(99).Title, changed.Title);
        Assert.Equal(first.Row(98).Title, second.Row(98).Title);

        var path = Path.Combine(Path.GetTempPath(), "gs-synthetic-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            Assert.Equal(950, second.WriteCsv(path));
            var csv = new CsvRowSource(path);
            Assert.Equal(SyntheticDataset.Columns, csv.Columns);
            var rows = csv.ReadRows().ToList();
            Assert.Equal(950, rows.Count);
            var expected = second.Enumerate().ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Null(rows[i].ReadError);
                Assert.Equal(expected[i].CrmId, rows[i]["CrmId"]);
                Assert.Equal(expected[i].City, rows[i]["City"]);
                Assert.Equal(expected[i].Title, rows[i]["Title"]);
                Assert.Equal(expected[i].FirstCell, rows[i]["First Name"]);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
