using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysSync.Sync;

/// <summary>
/// The writable fields of one kind of record (contacts, organizations) for mapping: names, aliases that auto-map,
/// and column names that look like data the kind has no field for (with the reason shown in the mapping report).
/// </summary>
public sealed class FieldCatalog
{
    private readonly Dictionary<string, ContactField> _byKey = new(StringComparer.Ordinal);

    public FieldCatalog(string noun, IReadOnlyList<ContactField> fields, IReadOnlyDictionary<string, string> unsupported)
    {
        Noun = noun ?? throw new ArgumentNullException(nameof(noun));
        All = fields ?? throw new ArgumentNullException(nameof(fields));
        Unsupported = unsupported ?? throw new ArgumentNullException(nameof(unsupported));
        foreach (var f in fields)
        {
            _byKey[ContactFields.NameKey(f.Name)] = f;
            _byKey[ContactFields.NameKey(f.ApiPath)] = f;
        }
        foreach (var f in fields)
            foreach (var a in f.Aliases)
                if (!_byKey.ContainsKey(a)) _byKey.Add(a, f);
    }

    /// <summary>The catalogue of external contact fields (<see cref="ContactFields"/>).</summary>
    public static FieldCatalog Contacts { get; } = new("contact", ContactFields.All, ContactFields.Unsupported);

    /// <summary>"contact", "organization": used in mapping messages ("not a contact field").</summary>
    public string Noun { get; }
    public IReadOnlyList<ContactField> All { get; }
    public IReadOnlyDictionary<string, string> Unsupported { get; }

    /// <summary>The field whose name, API path or alias matches (see <see cref="ContactFields.NameKey"/>), or null.</summary>
    public ContactField? Find(string nameOrAlias) =>
        nameOrAlias is not null && _byKey.TryGetValue(ContactFields.NameKey(nameOrAlias), out var f) ? f : null;

    /// <summary>The field whose canonical name matches, or null.</summary>
    public ContactField? FindByName(string name)
    {
        if (name is null) return null;
        var key = ContactFields.NameKey(name);
        return All.FirstOrDefault(f => ContactFields.NameKey(f.Name) == key);
    }
}
