using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysSync.Sync;
using Microsoft.Data.Sqlite;

namespace GenesysSync.State;

/// <summary>
/// The delta state of one (org, object type, source): an SQLite database (WAL, full sync) with the
/// managed contacts (key hash → contact id + content hash) and the history of runs. Each
/// <see cref="CommitBatch"/> is one transaction, so a killed run keeps every acknowledged batch.
/// Thread-safe (one connection, serialized).
/// </summary>
public sealed class SyncStateStore : IDisposable
{
    private const int SchemaVersion = 1;
    private const int MaxParameters = 500;
    private readonly SqliteConnection _db;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private bool _disposed;

    private SyncStateStore(string path, SqliteConnection db, TimeProvider time)
    {
        Path = path;
        _db = db;
        _time = time;
    }

    public string Path { get; }

    /// <summary>Default folder: %LOCALAPPDATA%/GenesysSync/state (~/.local/share/GenesysSync/state on Linux).</summary>
    public static string DefaultDirectory =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "GenesysSync", "state");

    /// <summary>Default database path for an org, an object type (e.g. "externalcontacts") and a source name.</summary>
    public static string DefaultPath(string orgId, string objectType, string sourceName, string? directory = null)
    {
        if (string.IsNullOrWhiteSpace(orgId)) throw new ArgumentException("An org id is required.", nameof(orgId));
        if (string.IsNullOrWhiteSpace(objectType)) throw new ArgumentException("An object type is required.", nameof(objectType));
        if (string.IsNullOrWhiteSpace(sourceName)) throw new ArgumentException("A source name is required.", nameof(sourceName));
        // Readable prefix + a hash of the exact names, so "CRM A" and "CRM_A" never share a file.
        using var sha = SHA256.Create();
        var tag = NormalizedContact.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(orgId + "\u001F" + objectType + "\u001F" + sourceName))).Substring(0, 10);
        var name = $"{Safe(orgId, 36)}_{Safe(objectType, 30)}_{Safe(sourceName, 40)}_{tag}.db";
        return System.IO.Path.Combine(directory ?? DefaultDirectory, name);
    }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    public static SyncStateStore Open(string path, TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A state path is required.", nameof(path));
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            db.Open();
            Exec(db, "PRAGMA journal_mode=WAL;");
            Exec(db, "PRAGMA synchronous=FULL;"); // a lost commit could mean a duplicate contact on the next run
            Exec(db, "PRAGMA busy_timeout=10000;");
            Exec(db, @"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS contacts (
  key_hash BLOB PRIMARY KEY,
  contact_id TEXT NOT NULL,
  content_hash TEXT,
  last_run_id TEXT,
  updated_at TEXT NOT NULL,
  created_by_sync INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_creates (key_hash BLOB PRIMARY KEY, run_id TEXT, since TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS contacts_contact_id ON contacts(contact_id);
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  mode TEXT NOT NULL,
  outcome TEXT NOT NULL,
  counts TEXT,
  requests TEXT,
  total_requests INTEGER,
  throttled INTEGER,
  retries INTEGER,
  unmapped_columns TEXT,
  message TEXT);");
            var store = new SyncStateStore(full, db, time ?? TimeProvider.System);
            var version = store.GetMeta("schema_version");
            if (version is null) store.SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture));
            else if (int.Parse(version, CultureInfo.InvariantCulture) > SchemaVersion)
                throw new InvalidDataException($"The state database '{full}' was written by a newer GenesysSync (schema {version}); update the module or use another -StatePath.");
            return store;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes the exclusive run lock of this state (a lock file next to the database, released by the OS
    /// if the process dies), waiting up to <paramref name="timeout"/>. Dispose the result to release it.
    /// <paramref name="onWaiting"/> hears once, with a message naming the holder, that this run has to wait.
    /// </summary>
    /// <exception cref="StateLockedException">another run still holds it after the timeout.</exception>
    public async Task<IDisposable> AcquireRunLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default, Action<string>? onWaiting = null)
    {
        var lockPath = Path + ".lock";
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        var announced = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                try
                {
                    var owner = $"pid {System.Diagnostics.Process.GetCurrentProcess().Id} on {Environment.MachineName} since {_time.GetUtcNow():u}";
                    File.WriteAllText(lockPath + ".owner", owner);
                }
                catch (IOException) { /* the owner note is only for the message */ }
                catch (UnauthorizedAccessException) { }
                return stream;
            }
            catch (IOException)
            {
                if (_time.GetTimestamp() >= deadline)
                {
                    throw new StateLockedException(
                        $"Another sync run is using the state '{Path}'{LockOwner(lockPath)}; waited {timeout.TotalSeconds:0} s. " +
                        "Wait for it to finish, or give this run its own -StatePath.");
                }
                if (!announced && onWaiting is not null)
                {
                    announced = true;
                    onWaiting($"Another sync run is using the state '{Path}'{LockOwner(lockPath)}; waiting up to {timeout.TotalSeconds:0} s for it to finish.");
                }
                await _time.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string LockOwner(string lockPath)
    {
        try { return " (" + File.ReadAllText(lockPath + ".owner") + ")"; }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    public string? GetMeta(string key)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT value FROM meta WHERE key = $k;");
            cmd.Parameters.AddWithValue("$k", key);
            return cmd.ExecuteScalar() as string;
        }
    }

    public void SetMeta(string key, string? value)
    {
        lock (_gate)
        {
            using var cmd = Command(value is null
                ? "DELETE FROM meta WHERE key = $k;"
                : "INSERT INTO meta(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;");
            cmd.Parameters.AddWithValue("$k", key);
            if (value is not null) cmd.Parameters.AddWithValue("$v", value);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Records the start of a run and returns its id.</summary>
    public string BeginRun(string mode)
    {
        var runId = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            using var cmd = Command("INSERT INTO runs(run_id, started_at, mode, outcome) VALUES($id, $s, $m, $o);");
            cmd.Parameters.AddWithValue("$id", runId);
            cmd.Parameters.AddWithValue("$s", Stamp(_time.GetUtcNow()));
            cmd.Parameters.AddWithValue("$m", mode ?? string.Empty);
            cmd.Parameters.AddWithValue("$o", RunOutcomes.Running);
            cmd.ExecuteNonQuery();
        }
        return runId;
    }

    public void CompleteRun(string runId, RunCompletion completion)
    {
        if (completion is null) throw new ArgumentNullException(nameof(completion));
        lock (_gate)
        {
            using var cmd = Command(@"UPDATE runs SET ended_at = $e, outcome = $o, counts = $c, requests = $r, total_requests = $t,
                throttled = $th, retries = $re, unmapped_columns = $u, message = $msg WHERE run_id = $id;");
            cmd.Parameters.AddWithValue("$id", runId);
            cmd.Parameters.AddWithValue("$e", Stamp(_time.GetUtcNow()));
            cmd.Parameters.AddWithValue("$o", completion.Outcome);
            cmd.Parameters.AddWithValue("$c", JsonSerializer.Serialize(completion.Counts));
            cmd.Parameters.AddWithValue("$r", JsonSerializer.Serialize(completion.Requests));
            cmd.Parameters.AddWithValue("$t", completion.TotalRequests);
            cmd.Parameters.AddWithValue("$th", completion.Throttled);
            cmd.Parameters.AddWithValue("$re", completion.Retries);
            cmd.Parameters.AddWithValue("$u", JsonSerializer.Serialize(completion.UnmappedColumns));
            cmd.Parameters.AddWithValue("$msg", (object?)completion.Message ?? DBNull.Value);
            if (cmd.ExecuteNonQuery() != 1) throw new InvalidOperationException($"No run '{runId}' in the state database.");
        }
    }

    /// <summary>Past runs, newest first.</summary>
    public IReadOnlyList<SyncRunRecord> GetRuns(int max = 50)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT run_id, started_at, ended_at, mode, outcome, counts, requests, total_requests, throttled, retries, unmapped_columns, message FROM runs ORDER BY started_at DESC, rowid DESC LIMIT $n;");
            cmd.Parameters.AddWithValue("$n", max);
            using var r = cmd.ExecuteReader();
            var list = new List<SyncRunRecord>();
            while (r.Read())
            {
                list.Add(new SyncRunRecord
                {
                    RunId = r.GetString(0),
                    StartedAt = ParseStamp(r.GetString(1)),
                    EndedAt = r.IsDBNull(2) ? null : ParseStamp(r.GetString(2)),
                    Mode = r.GetString(3),
                    Outcome = r.GetString(4),
                    Counts = r.IsDBNull(5) ? new Dictionary<string, long>() : JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(5)) ?? new(),
                    Requests = r.IsDBNull(6) ? new Dictionary<string, long>() : JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(6)) ?? new(),
                    TotalRequests = r.IsDBNull(7) ? 0 : r.GetInt64(7),
                    Throttled = r.IsDBNull(8) ? 0 : r.GetInt64(8),
                    Retries = r.IsDBNull(9) ? 0 : r.GetInt64(9),
                    UnmappedColumns = r.IsDBNull(10) ? Array.Empty<string>() : JsonSerializer.Deserialize<List<string>>(r.GetString(10)) ?? new(),
                    Message = r.IsDBNull(11) ? null : r.GetString(11),
                });
            }
            return list;
        }
    }

    public StateRecord? Get(KeyHash key) => GetMany(new[] { key }).TryGetValue(key, out var rec) ? rec : null;

    /// <summary>The records of the given keys that the state knows (absent keys are simply missing).</summary>
    public IReadOnlyDictionary<KeyHash, StateRecord> GetMany(IEnumerable<KeyHash> keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        var result = new Dictionary<KeyHash, StateRecord>();
        lock (_gate)
        {
            foreach (var chunk in Chunk(keys.Distinct(), MaxParameters))
            {
                using var cmd = _db.CreateCommand();
                var names = new string[chunk.Count];
                for (var i = 0; i < chunk.Count; i++)
                {
                    names[i] = "$k" + i.ToString(CultureInfo.InvariantCulture);
                    cmd.Parameters.Add(names[i], SqliteType.Blob).Value = chunk[i].ToBytes();
                }
                cmd.CommandText = $"SELECT key_hash, contact_id, content_hash, last_run_id, updated_at, created_by_sync FROM contacts WHERE key_hash IN ({string.Join(",", names)});";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var rec = ReadRecord(r);
                    result[rec.Key] = rec;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Writes the outcome of one acknowledged batch in a single transaction: upserts (created/updated
    /// contacts) and removals (deleted contacts).
    /// </summary>
    public void CommitBatch(IEnumerable<StateRecord> upserts, IEnumerable<KeyHash>? removals = null)
    {
        if (upserts is null) throw new ArgumentNullException(nameof(upserts));
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using (var up = Command(@"INSERT INTO contacts(key_hash, contact_id, content_hash, last_run_id, updated_at, created_by_sync) VALUES($k, $c, $h, $r, $u, $cr)
                ON CONFLICT(key_hash) DO UPDATE SET contact_id = excluded.contact_id, content_hash = excluded.content_hash,
                last_run_id = excluded.last_run_id, updated_at = excluded.updated_at,
                created_by_sync = MAX(contacts.created_by_sync, excluded.created_by_sync);", tx))
            using (var done = Command("DELETE FROM pending_creates WHERE key_hash = $k;", tx))
            {
                var cr = up.Parameters.Add("$cr", SqliteType.Integer);
                var dk = done.Parameters.Add("$k", SqliteType.Blob);
                var k = up.Parameters.Add("$k", SqliteType.Blob);
                var c = up.Parameters.Add("$c", SqliteType.Text);
                var h = up.Parameters.Add("$h", SqliteType.Text);
                var r = up.Parameters.Add("$r", SqliteType.Text);
                var u = up.Parameters.Add("$u", SqliteType.Text);
                foreach (var rec in upserts)
                {
                    k.Value = rec.Key.ToBytes();
                    c.Value = rec.ContactId;
                    h.Value = (object?)rec.ContentHash ?? DBNull.Value;
                    r.Value = (object?)rec.LastRunId ?? DBNull.Value;
                    u.Value = Stamp(rec.UpdatedAt);
                    cr.Value = rec.CreatedBySync ? 1 : 0;
                    up.ExecuteNonQuery();
                    dk.Value = k.Value;
                    done.ExecuteNonQuery();
                }
            }
            if (removals is not null) RemoveCore(removals, tx);
            tx.Commit();
        }
    }

    /// <summary>
    /// Records that creates for these keys are about to be sent. Until <see cref="CommitBatch"/> (or
    /// <see cref="ClearPending"/>) settles them, a later run treats their outcome as unknown and looks the
    /// key up before creating again — so a run killed mid-request never leaves a duplicate behind.
    /// </summary>
    public void MarkPending(IEnumerable<KeyHash> keys, string runId)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = Command("INSERT INTO pending_creates(key_hash, run_id, since) VALUES($k, $r, $s) ON CONFLICT(key_hash) DO UPDATE SET run_id = excluded.run_id;", tx);
            var k = cmd.Parameters.Add("$k", SqliteType.Blob);
            cmd.Parameters.AddWithValue("$r", runId);
            cmd.Parameters.AddWithValue("$s", Stamp(_time.GetUtcNow()));
            foreach (var key in keys)
            {
                k.Value = key.ToBytes();
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>Settles pending creates that are known not to have happened (e.g. rejected by the server).</summary>
    public void ClearPending(IEnumerable<KeyHash> keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = Command("DELETE FROM pending_creates WHERE key_hash = $k;", tx);
            var k = cmd.Parameters.Add("$k", SqliteType.Blob);
            foreach (var key in keys)
            {
                k.Value = key.ToBytes();
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>Which of the keys have a create whose outcome is unknown.</summary>
    public ISet<KeyHash> GetPending(IEnumerable<KeyHash> keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        var result = new HashSet<KeyHash>();
        lock (_gate)
        {
            foreach (var chunk in Chunk(keys.Distinct(), MaxParameters))
            {
                using var cmd = _db.CreateCommand();
                var names = new string[chunk.Count];
                for (var i = 0; i < chunk.Count; i++)
                {
                    names[i] = "$k" + i.ToString(CultureInfo.InvariantCulture);
                    cmd.Parameters.Add(names[i], SqliteType.Blob).Value = chunk[i].ToBytes();
                }
                cmd.CommandText = $"SELECT key_hash FROM pending_creates WHERE key_hash IN ({string.Join(",", names)});";
                using var r = cmd.ExecuteReader();
                while (r.Read()) result.Add(KeyHash.FromBytes((byte[])r.GetValue(0)));
            }
        }
        return result;
    }

    public long CountPending()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT COUNT(*) FROM pending_creates;");
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Forgets keys (their contacts were deleted, or are no longer managed).</summary>
    public void Remove(IEnumerable<KeyHash> keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            RemoveCore(keys, tx);
            tx.Commit();
        }
    }

    /// <summary>Marks keys as seen by a run without changing their content (unchanged rows).</summary>
    public void Touch(IEnumerable<KeyHash> keys, string runId)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            using var cmd = Command("UPDATE contacts SET last_run_id = $r WHERE key_hash = $k;", tx);
            cmd.Parameters.AddWithValue("$r", runId);
            var k = cmd.Parameters.Add("$k", SqliteType.Blob);
            foreach (var key in keys)
            {
                k.Value = key.ToBytes();
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>Deletes every contact record (before a full reconcile rebuild).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            using var cmd = Command("DELETE FROM contacts;");
            cmd.ExecuteNonQuery();
        }
    }

    public long CountManaged()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT COUNT(*) FROM contacts;");
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>
    /// Every managed contact (for Mirror), read in key order through a separate read connection so the
    /// store stays usable while the caller iterates (WAL readers do not block the writer).
    /// </summary>
    public IEnumerable<StateRecord> EnumerateManaged()
    {
        using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        reader.Open();
        using var cmd = reader.CreateCommand();
        cmd.CommandText = "SELECT key_hash, contact_id, content_hash, last_run_id, updated_at, created_by_sync FROM contacts ORDER BY key_hash;";
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return ReadRecord(r);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _db.Dispose();
        }
    }

    private void RemoveCore(IEnumerable<KeyHash> keys, SqliteTransaction tx)
    {
        using var cmd = Command("DELETE FROM contacts WHERE key_hash = $k;", tx);
        var k = cmd.Parameters.Add("$k", SqliteType.Blob);
        foreach (var key in keys)
        {
            k.Value = key.ToBytes();
            cmd.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(SyncStateStore));
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static StateRecord ReadRecord(SqliteDataReader r) => new(
        KeyHash.FromBytes((byte[])r.GetValue(0)),
        r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        ParseStamp(r.GetString(4)),
        r.GetInt64(5) != 0);

    private static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseStamp(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static IEnumerable<List<T>> Chunk<T>(IEnumerable<T> items, int size)
    {
        var list = new List<T>(size);
        foreach (var item in items)
        {
            list.Add(item);
            if (list.Count == size)
            {
                yield return list;
                list = new List<T>(size);
            }
        }
        if (list.Count > 0) yield return list;
    }

    private static string Safe(string s, int max)
    {
        var sb = new StringBuilder();
        foreach (var c in s.Trim())
        {
            if (sb.Length >= max) break;
            sb.Append(char.IsLetterOrDigit(c) && c < 128 || c == '-' ? c : '-');
        }
        return sb.Length == 0 ? "x" : sb.ToString();
    }
}
