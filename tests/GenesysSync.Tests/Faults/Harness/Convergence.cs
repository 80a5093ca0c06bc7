using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.State;
using GenesysSync.Sync;

namespace GenesysSync.Harness;

/// <summary>How far the org and the state are from the source. Every count must be 0.</summary>
public sealed class ConvergenceReport
{
    public int ExpectedContacts { get; set; }
    public long OrgContacts { get; set; }
    /// <summary>Source rows with no contact.</summary>
    public int Missing { get; set; }
    /// <summary>Extra contacts holding a key that another contact already holds.</summary>
    public int Duplicates { get; set; }
    /// <summary>Contacts whose fields differ from their row.</summary>
    public int Mismatched { get; set; }
    /// <summary>Contacts with no key of this source, or a key that is not (any more) in the source.</summary>
    public int Extra { get; set; }
    public long StateRecords { get; set; }
    public int StateMissing { get; set; }
    public int StateWrongId { get; set; }
    public int StateExtra { get; set; }
    public long PendingCreates { get; set; }
    public List<string> Samples { get; } = new();

    public int Lost => Missing;
    public long Total => Missing + Duplicates + Mismatched + Extra + StateMissing + StateWrongId + StateExtra + PendingCreates;

    public override string ToString() =>
        $"{OrgContacts} contacts for {ExpectedContacts} rows: missing {Missing}, duplicates {Duplicates}, mismatched {Mismatched}, extra {Extra}; " +
        $"state {StateRecords} records: missing {StateMissing}, wrong id {StateWrongId}, extra {StateExtra}, pending creates {PendingCreates}" +
        (Samples.Count == 0 ? "" : "; e.g. " + string.Join("; ", Samples));
}

/// <summary>Compares the emulator's contacts and the sync state with a dataset revision, field by field.</summary>
public static class Convergence
{
    public static async Task<ConvergenceReport> VerifyAsync(EmulatorControl emulator, SyntheticDataset expected, string statePath, string sourceName = SyncRunSettings.DefaultSourceName, CancellationToken ct = default)
    {
        var sources = await emulator.SourcesAsync(ct).ConfigureAwait(false);
        var sourceId = sources.Select(s => s!.AsObject()).FirstOrDefault(s => string.Equals((string?)s["name"], sourceName, StringComparison.OrdinalIgnoreCase))?["id"]?.GetValue<string>();
        var contacts = await emulator.ContactsAsync(ct).ConfigureAwait(false);
        var report = new ConvergenceReport { OrgContacts = contacts.Count };

        var rows = new Dictionary<string, SyntheticContact>(StringComparer.Ordinal);
        foreach (var row in expected.Enumerate()) rows[row.CrmId] = row;
        report.ExpectedContacts = rows.Count;

        var idByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in contacts)
        {
            var id = (string?)c["id"] ?? "";
            var keys = (c["externalIds"] as JsonArray ?? new JsonArray())
                .Where(e => sourceId is not null && (string?)e?["externalSource"]?["id"] == sourceId)
                .Select(e => ((string?)e!["value"])?.Trim() ?? "")
                .ToList();
            if (keys.Count != 1 || !rows.TryGetValue(keys[0], out var row))
            {
                report.Extra++;
                Sample(report, $"contact {id} holds keys [{string.Join(",", keys)}]");
                continue;
            }
            if (idByKey.ContainsKey(row.CrmId))
            {
                report.Duplicates++;
                Sample(report, $"{row.CrmId} duplicated ({idByKey[row.CrmId]}, {id})");
                continue;
            }
            idByKey[row.CrmId] = id;
            var diff = Differences(c, row);
            if (diff.Count > 0)
            {
                report.Mismatched++;
                Sample(report, $"{row.CrmId} differs in {string.Join(",", diff)}");
            }
        }
        foreach (var key in rows.Keys)
        {
            if (idByKey.ContainsKey(key)) continue;
            report.Missing++;
            Sample(report, key + " missing");
        }

        var keyOf = rows.Keys.ToDictionary(k => KeyHash.Compute("externalid", k), k => k);
        var inState = new HashSet<string>(StringComparer.Ordinal);
        using (var state = SyncStateStore.Open(statePath))
        {
            foreach (var rec in state.EnumerateManaged())
            {
                report.StateRecords++;
                if (!keyOf.TryGetValue(rec.Key, out var crmId))
                {
                    report.StateExtra++;
                    Sample(report, $"state holds an unknown key {rec.Key.Short}");
                    continue;
                }
                inState.Add(crmId);
                if (!idByKey.TryGetValue(crmId, out var id) || !string.Equals(id, rec.ContactId, StringComparison.OrdinalIgnoreCase))
                {
                    report.StateWrongId++;
                    Sample(report, $"state points {crmId} at {rec.ContactId}");
                }
            }
            report.PendingCreates = state.CountPending();
        }
        report.StateMissing = rows.Keys.Count(k => !inState.Contains(k));
        return report;
    }

    /// <summary>Fields of a stored contact that differ from the row (names trimmed, e-mail case-insensitive, phone as E.164).</summary>
    public static List<string> Differences(JsonObject c, SyntheticContact row)
    {
        var diff = new List<string>();
        if ((string?)c["firstName"] != row.First) diff.Add("firstName");
        if ((string?)c["lastName"] != row.Last) diff.Add("lastName");
        if (!string.Equals((string?)c["workEmail"], row.Email, StringComparison.OrdinalIgnoreCase)) diff.Add("workEmail");
        if ((string?)c["cellPhone"]?["e164"] != row.PhoneE164) diff.Add("cellPhone");
        if ((string?)c["address"]?["city"] != row.City) diff.Add("city");
        if ((string?)c["title"] != row.Title) diff.Add("title");
        return diff;
    }

    private static void Sample(ConvergenceReport report, string text)
    {
        if (report.Samples.Count < 5) report.Samples.Add(text);
    }
}
