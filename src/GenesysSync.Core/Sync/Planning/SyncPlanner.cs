using System;
using GenesysSync.State;

namespace GenesysSync.Sync;

/// <summary>What the planner decided for a row before any request.</summary>
public enum PlanKind
{
    /// <summary>Send a create.</summary>
    Create,
    /// <summary>A create was sent earlier but its outcome is unknown: look the key up first.</summary>
    LookupThenCreate,
    /// <summary>The contact exists and the content differs from the last write (or is unknown): fetch, compare, update.</summary>
    Update,
    /// <summary>Same content hash as the last acknowledged write: no request.</summary>
    Unchanged,
    /// <summary>Not written; <see cref="PlanStep.Reason"/> says why.</summary>
    Skip,
}

public readonly struct PlanStep
{
    public PlanStep(PlanKind kind, string? reason = null)
    {
        Kind = kind;
        Reason = reason;
    }

    public PlanKind Kind { get; }
    public string? Reason { get; }

    public override string ToString() => Reason is null ? Kind.ToString() : Kind + "(" + Reason + ")";
}

/// <summary>The pure decision rules of a run (no I/O), kept apart so they are easy to read and test.</summary>
public static class SyncPlanner
{
    /// <param name="known">The state's record of the key (from an earlier write or the reconcile scan), or null.</param>
    /// <param name="createPending">An earlier create for this key has an unknown outcome.</param>
    public static PlanStep Decide(SyncMode mode, MatchOn matchOn, string contentHash, StateRecord? known, bool createPending)
    {
        if (known is not null)
        {
            if (mode == SyncMode.Insert) return new PlanStep(PlanKind.Skip, SkipReasons.Exists);
            return known.ContentHash is not null && string.Equals(known.ContentHash, contentHash, StringComparison.Ordinal)
                ? new PlanStep(PlanKind.Unchanged)
                : new PlanStep(PlanKind.Update);
        }

        if (matchOn == MatchOn.Id)
        {
            // The key is the contact id itself: it can only be updated, and only a fetch tells if it exists.
            return mode == SyncMode.Insert ? new PlanStep(PlanKind.Skip, SkipReasons.CannotCreateById) : new PlanStep(PlanKind.Update);
        }

        if (mode == SyncMode.Update)
            return createPending ? new PlanStep(PlanKind.LookupThenCreate) : new PlanStep(PlanKind.Skip, SkipReasons.NotFound);
        return createPending ? new PlanStep(PlanKind.LookupThenCreate) : new PlanStep(PlanKind.Create);
    }

    /// <summary>
    /// Mirror's safety check: deleting <paramref name="candidates"/> of <paramref name="managed"/> contacts is
    /// allowed when it stays within <paramref name="thresholdPercent"/>, or when forced.
    /// </summary>
    public static bool DeletionAllowed(long candidates, long managed, double thresholdPercent, bool force)
    {
        if (candidates <= 0 || force) return true;
        if (managed <= 0) return false;
        return candidates * 100.0 / managed <= thresholdPercent;
    }
}
