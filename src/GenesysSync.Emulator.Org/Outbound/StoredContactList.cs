using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GenesysSync.Emulator.Outbound;

/// <summary>One dialer contact as stored: its values packed under the layout they were written with.</summary>
internal sealed class DialerContactRecord
{
    public DialerContactRecord(string id, ColumnLayout layout, byte[] values, DateTimeOffset dateCreated)
    {
        Id = id;
        Layout = layout;
        Values = values;
        DateCreated = dateCreated;
    }

    public string Id { get; }
    public ColumnLayout Layout { get; set; }
    public byte[] Values { get; set; }
    public DateTimeOffset DateCreated { get; }

    /// <summary>False when the caller said so (or cleared by clearSystemData back to true).</summary>
    public bool Callable { get; set; } = true;

    /// <summary>phoneNumberStatus / contactableStatus as sent by the caller, kept verbatim (null = defaults).</summary>
    public byte[]? PhoneNumberStatusJson { get; set; }
    public byte[]? ContactableStatusJson { get; set; }

    /// <summary>Dialing order: lower dials sooner. Priority adds go to the front, ordinary writes to the back.</summary>
    public long QueueOrder { get; set; }

    /// <summary>The value of a column by name (null when the contact has none).</summary>
    public string? Get(string column)
    {
        var i = Layout.IndexOf(column);
        return i < 0 ? null : ContactValues.Unpack(Values, Layout.Names.Count)[i];
    }

    /// <summary>Column → value for the given (current) columns; columns without a value are left out.</summary>
    public Dictionary<string, string> DataFor(IReadOnlyList<string> columns)
    {
        var values = ContactValues.Unpack(Values, Layout.Names.Count);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var i = Layout.IndexOf(column);
            if (i >= 0 && values[i] != null) data[column] = values[i]!;
        }
        return data;
    }

    /// <summary>Values in the order of <paramref name="columns"/> (null where the contact has none).</summary>
    public string?[] ValuesFor(IReadOnlyList<string> columns)
    {
        var values = ContactValues.Unpack(Values, Layout.Names.Count);
        if (ReferenceEquals(columns, Layout.Names)) return values;
        var result = new string?[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var i = Layout.IndexOf(columns[c]);
            if (i >= 0) result[c] = values[i];
        }
        return result;
    }
}

/// <summary>A contact list: its settings (the writable ContactList fields, as JSON), contacts, and import/export jobs.</summary>
internal sealed class StoredContactList
{
    private long _front;
    private long _back;
    private JsonObject _settings = null!;

    public StoredContactList(string id, string name, JsonObject settings, IReadOnlyList<string> columns, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Settings = settings;
        Layout = new ColumnLayout(columns);
        DateCreated = now;
        DateModified = now;
    }

    public string Id { get; }

    /// <summary>Creation order (clocks can stand still in tests).</summary>
    public long Seq { get; set; }

    public string Name { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset DateCreated { get; }
    public DateTimeOffset DateModified { get; set; }

    /// <summary>Writable ContactList fields except name (columnNames, phoneColumns, emailColumns, ...).</summary>
    public JsonObject Settings
    {
        get => _settings;
        set
        {
            _settings = value;
            PhoneColumns = ColumnNamesOf(value, "phoneColumns");
            EmailColumns = ColumnNamesOf(value, "emailColumns");
        }
    }

    public ColumnLayout Layout { get; set; }

    /// <summary>Contacts by id (case-sensitive, as ids are opaque strings).</summary>
    public Dictionary<string, DialerContactRecord> Contacts { get; } = new(StringComparer.Ordinal);

    public ImportJob? Import { get; set; }
    public ExportJob? Export { get; set; }

    /// <summary>Names of the phone and e-mail columns (kept with the settings: read for every contact written out).</summary>
    public IReadOnlyList<string> PhoneColumns { get; private set; } = Array.Empty<string>();
    public IReadOnlyList<string> EmailColumns { get; private set; } = Array.Empty<string>();

    /// <summary>The next place at the back of the dialing queue.</summary>
    public long NextQueueOrder() => ++_back;

    /// <summary>
    /// <paramref name="count"/> places at the front of the queue, in order (a priority add keeps its own order):
    /// returns the first; the others follow it.
    /// </summary>
    public long FrontBlock(int count)
    {
        _front -= count;
        return _front;
    }

    private static IReadOnlyList<string> ColumnNamesOf(JsonObject settings, string property)
    {
        var names = new List<string>();
        if (settings[property] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonObject o && o["columnName"] is JsonValue v && v.TryGetValue<string>(out var name)) names.Add(name);
            }
        }
        return names;
    }
}

/// <summary>A CSV import in progress or finished (the list's latest one).</summary>
internal sealed class ImportJob
{
    public ImportJob(DateTimeOffset started, long totalRecords, IReadOnlyList<ImportedRow> rows, TimeSpan duration)
    {
        Started = started;
        TotalRecords = totalRecords;
        Rows = rows;
        Duration = duration;
    }

    public DateTimeOffset Started { get; }
    public long TotalRecords { get; }
    public IReadOnlyList<ImportedRow> Rows { get; private set; }
    public TimeSpan Duration { get; }
    public int Polls { get; set; }
    public long CompletedRecords { get; set; }
    public int PercentComplete { get; set; }
    public bool Finished { get; set; }
    public string? FailureReason { get; set; }

    public static ImportJob Failed(DateTimeOffset now, string reason)
        => new(now, 0, Array.Empty<ImportedRow>(), TimeSpan.Zero) { Finished = true, FailureReason = reason };

    /// <summary>Frees the parsed rows once they are applied.</summary>
    public void ReleaseRows() => Rows = Array.Empty<ImportedRow>();
}

/// <summary>One valid data row of an import: its contact id (null = generate) and values in the list's layout.</summary>
internal sealed class ImportedRow
{
    public ImportedRow(string? id, string?[] values)
    {
        Id = id;
        Values = values;
    }

    public string? Id { get; }
    public string?[] Values { get; }
}

/// <summary>The list's latest export: the CSV snapshot and how many more polls answer "not ready".</summary>
internal sealed class ExportJob
{
    public ExportJob(string id, string downloadId, DateTimeOffset created, int notReadyPolls)
    {
        Id = id;
        DownloadId = downloadId;
        Created = created;
        NotReadyPolls = notReadyPolls;
    }

    public string Id { get; }
    public string DownloadId { get; }
    public DateTimeOffset Created { get; }
    public int NotReadyPolls { get; set; }
}
