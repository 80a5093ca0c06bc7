using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace GenesysSync.Sync;

/// <summary>
/// A row after mapping, normalization and validation: the values to send, in a canonical form
/// that is also what gets compared and hashed.
/// </summary>
public sealed class NormalizedContact
{
    private string? _contentHash;

    internal NormalizedContact(int rowNumber, SortedDictionary<string, string?> fields, SortedDictionary<string, string?> customFields, IReadOnlyList<RowIssue> issues)
    {
        RowNumber = rowNumber;
        Fields = fields;
        CustomFields = customFields;
        Issues = issues;
    }

    public int RowNumber { get; }

    /// <summary>
    /// Provided standard fields by canonical name (ordinal order). A null value means "erase" (only with ClearEmpty).
    /// Phones are E.164, with ";ext=N" when an extension was given (see <see cref="PhoneValue"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Fields { get; }

    /// <summary>Provided custom fields by schema field name.</summary>
    public IReadOnlyDictionary<string, string?> CustomFields { get; }

    public IReadOnlyList<RowIssue> Issues { get; }

    /// <summary>True when an issue stops the row (Skip or Error).</summary>
    public bool IsRejected => Issues.Any(i => i.Severity != RowIssueSeverity.Warning);

    /// <summary>The first issue that stops the row, or null.</summary>
    public RowIssue? RejectingIssue => Issues.FirstOrDefault(i => i.Severity == RowIssueSeverity.Error) ?? Issues.FirstOrDefault(i => i.Severity == RowIssueSeverity.Skip);

    /// <summary>
    /// SHA-256 (lower-case hex) of the canonical payload: field names and values in ordinal order,
    /// so the same data always hashes the same and unchanged rows cost no request.
    /// </summary>
    public string ContentHash => _contentHash ??= ComputeHash(Fields, CustomFields);

    /// <summary>Canonical hash of a field set (also used for contacts read from the org).</summary>
    public static string ComputeHash(IReadOnlyDictionary<string, string?> fields, IReadOnlyDictionary<string, string?> customFields)
    {
        var sb = new StringBuilder("gs-contact-v1\n");
        foreach (var f in fields.OrderBy(p => p.Key, StringComparer.Ordinal)) Append(sb, f.Key, f.Value);
        foreach (var f in customFields.OrderBy(p => p.Key, StringComparer.Ordinal)) Append(sb, "custom." + f.Key, f.Value);
        using var sha = SHA256.Create();
        return Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    internal static string Hex(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes) sb.Append(b.ToString("x2"));
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name, string? value)
    {
        // Unit/record separators cannot occur in a field name and keep "a"+"bc" apart from "ab"+"c".
        sb.Append(name).Append('\u001F');
        if (value is null) sb.Append('\u0000'); else sb.Append(value);
        sb.Append('\u001E');
    }
}

/// <summary>The canonical text form of a phone: E.164, plus ";ext=N" when there is an extension.</summary>
public static class PhoneValue
{
    private const string ExtensionMarker = ";ext=";

    public static string Format(string e164, string? extension) =>
        string.IsNullOrEmpty(extension) ? e164 : e164 + ExtensionMarker + extension;

    /// <summary>Splits a canonical value into the display number and the numeric extension.</summary>
    public static (string Number, long? Extension) Split(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var i = value.IndexOf(ExtensionMarker, StringComparison.Ordinal);
        if (i < 0) return (value, null);
        var ext = value.Substring(i + ExtensionMarker.Length);
        return (value.Substring(0, i), long.TryParse(ext, out var n) ? n : null);
    }
}
