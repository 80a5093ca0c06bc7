using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Api;
using GenesysSync.Api.Models;
using GenesysSync.Input;
using GenesysSync.State;

namespace GenesysSync.Sync;

/// <summary>
/// Contact sync with an organization key column: each row's key (the organization's external id in the run's External
/// Source) becomes the contact's organization. Keys are resolved from the organization sync's state, then by identifier
/// lookup, and cached for the run; an unknown key is a per-row OrganizationNotFound failure, or (createMissing) a new
/// organization named after its key, recorded in the organization state so a later organization sync matches it.
/// An empty key leaves the contact's organization as it is.
/// </summary>
public sealed class OrganizationKeyLinker : IRowLinker
{
    /// <summary>The id a -WhatIf run shows for an organization it would create.</summary>
    public const string WouldCreate = "(new organization)";

    private readonly ExternalOrganizationsApi _api;
    private readonly string _column;
    private readonly string _externalSourceId;
    private readonly SyncStateStore? _organizationState;
    private readonly bool _createMissing;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string?> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GenesysSync.Http.GenesysApiException> _failed = new(StringComparer.Ordinal);

    /// <summary>The source id a -WhatIf run uses when the External Source does not exist yet (nothing can be found in it).</summary>
    public const string MissingSource = "(new)";

    public OrganizationKeyLinker(ExternalOrganizationsApi api, string keyColumn, string externalSourceId, SyncStateStore? organizationState, bool createMissing, TimeProvider? time = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _column = string.IsNullOrWhiteSpace(keyColumn) ? throw new ArgumentException("The organization key column is required.", nameof(keyColumn)) : keyColumn;
        _externalSourceId = externalSourceId ?? throw new ArgumentNullException(nameof(externalSourceId));
        _organizationState = organizationState;
        _createMissing = createMissing;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Organizations this run created (or, under -WhatIf, would create).</summary>
    public int Created { get; private set; }

    /// <summary>Distinct keys resolved by an identifier lookup (not from the organization state).</summary>
    public int LookedUp { get; private set; }

    public async Task<IReadOnlyList<LinkOutcome>> LinkAsync(IReadOnlyList<(ISourceRow Row, NormalizedContact Contact)> rows, bool whatIf, CancellationToken cancellationToken)
    {
        var keys = rows.Select(r => ContactNormalizer.CleanText(r.Row[_column])).ToList();
        await ResolveAsync(keys.Where(k => k.Length > 0 && !_cache.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToList(), whatIf, cancellationToken).ConfigureAwait(false);

        var outcomes = new List<LinkOutcome>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, contact) = rows[i];
            if (row.CellProblem(_column) is { } problem)
            {
                outcomes.Add(new LinkOutcome(null, new RowIssue(row.RowNumber, _column, RowIssueCodes.NotAValue,
                    SourceRows.NotAValueMessage(row.RowNumber, _column, problem, "the organization key"))));
                continue;
            }
            if (keys[i].Length == 0)
            {
                outcomes.Add(new LinkOutcome(contact));
                continue;
            }
            if (_failed.TryGetValue(keys[i], out var failure))
            {
                outcomes.Add(new LinkOutcome(null, new RowIssue(row.RowNumber, _column, failure.Code ?? "OrganizationLookupFailed",
                    $"Row {row.RowNumber}: the organization of the key in column '{_column}' could not be looked up: {failure.Message}")));
                continue;
            }
            if (_cache[keys[i]] is not { } organizationId)
            {
                outcomes.Add(new LinkOutcome(null, new RowIssue(row.RowNumber, _column, RowIssueCodes.OrganizationNotFound,
                    $"Row {row.RowNumber}: no external organization has the key in column '{_column}'. Sync the organizations first (Sync-GenesysExternalOrganization) or use -CreateMissingOrganization.")));
                continue;
            }
            var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var f in contact.Fields) fields[f.Key] = f.Value;
            fields[ContactPayload.OrganizationIdField] = organizationId;
            var custom = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var f in contact.CustomFields) custom[f.Key] = f.Value;
            outcomes.Add(new LinkOutcome(new NormalizedContact(contact.RowNumber, fields, custom, contact.Issues)));
        }
        return outcomes;
    }

    private async Task ResolveAsync(List<string> keys, bool whatIf, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return;
        var hashes = keys.ToDictionary(k => k, k => KeyHash.Compute("externalid", k), StringComparer.Ordinal);
        var known = _organizationState?.GetMany(hashes.Values) ?? new Dictionary<KeyHash, StateRecord>();
        var created = new List<StateRecord>();
        foreach (var key in keys)
        {
            if (known.TryGetValue(hashes[key], out var record))
            {
                _cache[key] = record.ContactId;
                continue;
            }
            ExternalOrganization? found = null;
            if (_externalSourceId != MissingSource)
            {
                LookedUp++;
                try
                {
                    found = await _api.LookupAsync(_externalSourceId, key, cancellationToken).ConfigureAwait(false);
                }
                catch (GenesysSync.Http.GenesysApiException ex) when (ex is not (GenesysSync.Http.GenesysAuthenticationException or GenesysSync.Http.GenesysPermissionException))
                {
                    _failed[key] = ex;
                    _cache[key] = null;
                    continue;
                }
            }
            if (found?.Id is not null)
            {
                _cache[key] = found.Id;
                continue;
            }
            if (!_createMissing)
            {
                _cache[key] = null;
                continue;
            }
            Created++;
            if (whatIf)
            {
                _cache[key] = WouldCreate;
                continue;
            }
            ExternalOrganization organization;
            try
            {
                organization = await _api.CreateAsync(new ExternalOrganization
                {
                    Name = key,
                    ExternalIds = new List<ExternalId> { new() { ExternalSource = new ExternalSource { Id = _externalSourceId }, Value = key } },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (GenesysSync.Http.GenesysApiException ex) when (ex is not (GenesysSync.Http.GenesysAuthenticationException or GenesysSync.Http.GenesysPermissionException))
            {
                Created--;
                _failed[key] = ex;
                _cache[key] = null;
                continue;
            }
            _cache[key] = organization.Id;
            created.Add(new StateRecord(hashes[key], organization.Id!, null, null, _time.GetUtcNow(), createdBySync: true));
        }
        if (created.Count > 0) _organizationState?.CommitBatch(created);
    }
}
