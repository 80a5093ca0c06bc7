using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysSync.Outbound.Loading;

/// <summary>A contact already stored in one of the family's lists.</summary>
public readonly struct KnownLead
{
    public KnownLead(string contactId, int shardIndex, ulong contentHash)
    {
        ContactId = contactId;
        Key = LeadKey.Of(contactId);
        ShardIndex = shardIndex;
        ContentHash = contentHash;
    }

    /// <summary>A lead known only by its hashed key (a delta state keeps no Lead IDs).</summary>
    public KnownLead(LeadKey key, int shardIndex, ulong contentHash)
    {
        ContactId = null;
        Key = key;
        ShardIndex = shardIndex;
        ContentHash = contentHash;
    }

    /// <summary>The contact id (the Lead ID); null when the source knows only <see cref="Key"/>.</summary>
    public string? ContactId { get; }
    public LeadKey Key { get; }
    public int ShardIndex { get; }

    /// <summary><see cref="ContentHash.Of"/> of the stored values in list-column order (and callable when asked for).</summary>
    public ulong ContentHash { get; }
}

/// <summary>What a known-lead source must report on.</summary>
public sealed class KnownLeadQuery
{
    public KnownLeadQuery(IReadOnlyList<ContactListShard> shards, IReadOnlyList<string> columns, bool hashCallable)
    {
        Shards = shards;
        Columns = columns;
        HashCallable = hashCallable;
    }

    /// <summary>The existing, non-empty lists of the family.</summary>
    public IReadOnlyList<ContactListShard> Shards { get; }

    /// <summary>The template's columns: the order of values in the content hash.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Include the callable flag in the content hash (the load sets it from consent/do-not-call).</summary>
    public bool HashCallable { get; }
}

/// <summary>
/// Supplies the leads already in the lists before a load starts, so re-runs update in place (never duplicate across
/// shards) and skip unchanged leads. The default reads exports; a state store can answer from its own records
/// (the delta step) as long as it reports every stored lead.
/// </summary>
public interface IKnownLeadSource
{
    Task LoadAsync(KnownLeadQuery query, Action<KnownLead> found, CancellationToken cancellationToken);
}

/// <summary>
/// Exports each list and reads its contacts (a few requests per list). Each export is streamed to a temporary file and
/// read record by record (only the id and content hash of each lead are kept); the file is deleted after its list.
/// </summary>
public sealed class ExportKnownLeadSource : IKnownLeadSource
{
    private readonly OutboundApi _api;

    public ExportKnownLeadSource(OutboundApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    public async Task LoadAsync(KnownLeadQuery query, Action<KnownLead> found, CancellationToken cancellationToken)
    {
        foreach (var shard in query.Shards)
        {
            if (shard.Id == null) continue;
            using var export = await _api.ExportContactsAsync(shard.Id, cancellationToken).ConfigureAwait(false);
            var idIndex = export.IndexOf(ExportFile.ContactIdColumn);
            var callableIndex = export.IndexOf(ExportFile.CallableColumn);
            var columns = new int[query.Columns.Count];
            for (var i = 0; i < columns.Length; i++) columns[i] = export.IndexOf(query.Columns[i]);
            var values = new string?[columns.Length];
            foreach (var record in export.Records())
            {
                var id = record[idIndex];
                if (string.IsNullOrEmpty(id)) continue;
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = columns[i] < 0 ? null : record[columns[i]];
                    values[i] = string.IsNullOrEmpty(value) ? null : value;
                }
                bool? callable = query.HashCallable ? ExportFile.ParseFlag(callableIndex < 0 ? null : record[callableIndex]) ?? true : null;
                found(new KnownLead(id, shard.Index, ContentHash.Of(values, callable)));
            }
        }
    }
}
