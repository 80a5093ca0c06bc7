using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace GenesysSync.Emulator;

/// <summary>Settings of one emulated org. Read on every request, so changes apply at once.</summary>
public sealed class EmulatorOptions
{
    /// <summary>OAuth client id → secret. Thread-safe: clients can be added while the org is serving.</summary>
    public IDictionary<string, string> Clients { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Requests per sliding 60 s window per access token; 0 = no limit.</summary>
    public int RateLimitPerMinute { get; set; } = 300;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Added to every reply (waited on <see cref="TimeProvider"/>).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Seeds the probabilistic fault rules so a run can be repeated exactly.</summary>
    public int Seed { get; set; } = 1;

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Entities per bulk request before the org answers 413.</summary>
    public int MaxBulkEntities { get; set; } = 200;

    /// <summary>Request body size before the org answers 413.</summary>
    public int MaxBodyBytes { get; set; } = 1_048_576;

    /// <summary>Limits and faults of the outbound contact lists.</summary>
    public OutboundOptions Outbound { get; } = new();

    /// <summary>Limits of the outbound DNC lists.</summary>
    public DncOptions Dnc { get; } = new();

    /// <summary>Limits of the contact custom-field schemas.</summary>
    public SchemaOptions Schemas { get; } = new();

    /// <summary>
    /// Permissions the OAuth clients' role lacks, as prefixes ("outbound:dncList" denies every DNC list route,
    /// "externalContacts:contact:add" only creates): routes needing one answer 403 missing.permissions. Thread-safe.
    /// </summary>
    public ISet<string> DeniedPermissions { get; } = new Auth.ConcurrentStringSet();
}
