using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Http;
using GenesysSync.Outbound.Loading;

namespace GenesysSync.Outbound.Delta;

/// <summary>The leads of one list that the input no longer has, with their Lead IDs (read from an export of the list).</summary>
public sealed class MissingLeads
{
    internal MissingLeads(ContactListShard shard, IReadOnlyList<string> leadIds)
    {
        Shard = shard;
        LeadIds = leadIds;
    }

    public ContactListShard Shard { get; }
    public IReadOnlyList<string> LeadIds { get; }
}

/// <summary>What -RemoveMissing found before deleting anything.</summary>
public sealed class MissingLeadPlan
{
    internal MissingLeadPlan(long known, long missing, string? refusal, IReadOnlyList<MissingLeads> lists)
    {
        Known = known;
        Missing = missing;
        Refusal = refusal;
        Lists = lists;
    }

    /// <summary>Leads stored in the lists when the run started.</summary>
    public long Known { get; }
    /// <summary>Of those, the ones no input row named.</summary>
    public long Missing { get; }
    /// <summary>Why nothing may be removed (over the threshold), or null.</summary>
    public string? Refusal { get; }
    public IReadOnlyList<MissingLeads> Lists { get; }
}

/// <summary>
/// -RemoveMissing: after a load, deletes the contacts whose Lead ID was stored but is not in the input any more. Refuses
/// when they are more than a threshold share of the stored leads (a truncated file must not empty a campaign) unless
/// forced. The delta state keeps no Lead IDs, so each list with missing leads is exported once to find them; deletes go
/// 250 ids per request. Use <see cref="PlanAsync"/>, confirm per list, then <see cref="RemoveAsync"/> (or
/// <see cref="ReportPlanned"/> under WhatIf); every removed lead gets a Removed result on the loader's sink.
/// </summary>
public sealed class MissingLeadRemover
{
    private readonly OutboundApi _api;
    private readonly ContactListLoader _loader;
    private readonly ILeadLoadSink _sink;

    public MissingLeadRemover(OutboundApi api, ContactListLoader loader, ILeadLoadSink sink)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _loader = loader ?? throw new ArgumentNullException(nameof(loader));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
    }

    /// <param name="thresholdPercent">Largest share (0-100) of the stored leads that may be removed without <paramref name="force"/>.</param>
    public async Task<MissingLeadPlan> PlanAsync(double thresholdPercent, bool force, CancellationToken cancellationToken = default)
    {
        var unseen = _loader.UnseenKnownLeads();
        var known = _loader.KnownLeads;
        if (unseen.Count == 0) return new MissingLeadPlan(known, 0, null, Array.Empty<MissingLeads>());
        var share = known == 0 ? 100 : unseen.Count * 100.0 / known;
        if (share > thresholdPercent && !force)
        {
            return new MissingLeadPlan(known, unseen.Count,
                $"{unseen.Count:N0} of the {known:N0} stored leads ({share:0.#}%) are not in the input, more than the {thresholdPercent:0.#}% -RemoveThreshold: none was removed. " +
                "Check that the input is complete; pass -Force (or a higher -RemoveThreshold) to remove them anyway.",
                Array.Empty<MissingLeads>());
        }
        var lists = new List<MissingLeads>();
        foreach (var group in unseen.GroupBy(u => u.Shard))
        {
            var shard = group.Key;
            if (shard.Id == null) continue;
            var keys = new HashSet<LeadKey>(group.Select(g => g.Key));
            using var export = await _api.ExportContactsAsync(shard.Id, cancellationToken).ConfigureAwait(false);
            var idIndex = export.IndexOf(ExportFile.ContactIdColumn);
            var ids = new List<string>();
            foreach (var record in export.Records())
            {
                var id = record[idIndex];
                if (!string.IsNullOrEmpty(id) && keys.Contains(LeadKey.Of(id!))) ids.Add(id!);
            }
            if (ids.Count > 0) lists.Add(new MissingLeads(shard, ids));
        }
        return new MissingLeadPlan(known, unseen.Count, null, lists);
    }

    /// <summary>Deletes the list's missing leads, 250 per request; a failed request fails its leads and the rest of the list.</summary>
    public async Task RemoveAsync(MissingLeads missing, CancellationToken cancellationToken = default)
    {
        if (missing == null) throw new ArgumentNullException(nameof(missing));
        var ids = missing.LeadIds;
        for (var i = 0; i < ids.Count; i += _api.MaxDeleteIds)
        {
            var chunk = ids.Skip(i).Take(_api.MaxDeleteIds).ToList();
            try
            {
                await _api.DeleteContactsAsync(missing.Shard.Id!, chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (GenesysApiException ex)
            {
                var rest = ids.Skip(i).ToList();
                _sink.OnBatchFailed(missing.Shard.Name, rest.Count, ex);
                foreach (var id in rest) Report(missing.Shard, id, LeadAction.Failed, whatIf: false, ex);
                return;
            }
            foreach (var id in chunk) Report(missing.Shard, id, LeadAction.Removed, whatIf: false);
        }
    }

    /// <summary>Results for leads that would be removed (WhatIf) or were declined at the prompt.</summary>
    public void ReportPlanned(MissingLeads missing, bool whatIf)
    {
        if (missing == null) throw new ArgumentNullException(nameof(missing));
        foreach (var id in missing.LeadIds) Report(missing.Shard, id, whatIf ? LeadAction.Removed : LeadAction.Skipped, whatIf);
    }

    private void Report(ContactListShard shard, string id, LeadAction action, bool whatIf, GenesysApiException? error = null)
        => _loader.Report(new LeadLoadResult
        {
            LeadId = id, ContactId = id, ContactListName = shard.Name, ContactListId = shard.Id, Action = action, WhatIf = whatIf,
            ErrorCode = error != null ? error.Code ?? "RemoveFailed" : action == LeadAction.Skipped ? LeadErrorCodes.Declined : null,
            Message = error != null ? "Not removed: " + error.Message
                : action == LeadAction.Skipped ? "Not removed (declined)."
                : "Not in the input any more" + (whatIf ? ": would be removed." : ": removed."),
            ContextId = error?.ContextId, HttpStatus = error?.StatusCode is int s && s != 0 ? s : null, BatchFailure = error != null,
        });
}
