using System;

namespace GenesysSync.Sync;

/// <summary>
/// Pragmatic e-mail checks (what a CRM export needs, not full RFC 5322): one @, a sane local part,
/// a dotted domain of letters/digits/hyphens. The domain is lower-cased; the local part is kept.
/// </summary>
public static class EmailAddress
{
    public static bool TryNormalize(string text, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) s = s.Substring(7);
        if (s.Length > 2 && s[0] == '<' && s[s.Length - 1] == '>') s = s.Substring(1, s.Length - 2);

        var at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1 || s.IndexOf('@') != at) return false;
        var local = s.Substring(0, at);
        var domain = s.Substring(at + 1).ToLowerInvariant();
        if (domain.EndsWith(".", StringComparison.Ordinal)) domain = domain.Substring(0, domain.Length - 1);
        if (!IsValidLocal(local) || !IsValidDomain(domain)) return false;
        normalized = local + "@" + domain;
        return true;
    }

    /// <summary>The comparison form of an e-mail used as a match key: the whole address lower-cased.</summary>
    public static string KeyForm(string normalizedEmail) => normalizedEmail.ToLowerInvariant();

    private static bool IsValidLocal(string local)
    {
        if (local.Length == 0 || local.Length > 64) return false;
        if (local[0] == '.' || local[local.Length - 1] == '.' || local.Contains("..")) return false;
        foreach (var c in local)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
            if ("()<>[]:;@\\,\"".IndexOf(c) >= 0) return false;
        }
        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        if (domain.Length == 0 || domain.Length > 253) return false;
        var labels = domain.Split('.');
        if (labels.Length < 2) return false;
        foreach (var label in labels)
        {
            if (label.Length == 0 || label.Length > 63) return false;
            if (label[0] == '-' || label[label.Length - 1] == '-') return false;
            foreach (var c in label)
                if (!(char.IsLetterOrDigit(c) || c == '-')) return false;
        }
        var tld = labels[labels.Length - 1];
        foreach (var c in tld) if (!char.IsDigit(c)) return true;
        return false; // an all-digit TLD is an IP address typed as a domain
    }
}
