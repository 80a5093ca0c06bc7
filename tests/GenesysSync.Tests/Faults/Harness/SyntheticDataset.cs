using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace GenesysSync.Harness;

/// <summary>One generated CRM row: the cells as a CRM export would write them, and what Genesys should end up holding.</summary>
public sealed class SyntheticContact
{
    public int Index { get; init; }
    public string CrmId { get; init; } = "";
    /// <summary>Cells as written to the file (may carry stray spaces, mixed case, any phone format).</summary>
    public string FirstCell { get; init; } = "";
    public string LastCell { get; init; } = "";
    public string EmailCell { get; init; } = "";
    public string PhoneCell { get; init; } = "";
    public string City { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>The stored form: trimmed names, the e-mail compared case-insensitively, the phone in E.164.</summary>
    public string First => FirstCell.Trim();
    public string Last => LastCell.Trim();
    public string Email => EmailCell.Trim();
    public string PhoneE164 { get; init; } = "";
}

/// <summary>
/// A deterministic CRM extract: row i depends only on (seed, i, revision rules), so any row can be
/// regenerated at any time and nothing has to be held in memory (1.5 M rows stream from a counter).
/// Unicode names, names and cities that need CSV quoting, and US/UK/DE/FR phones in mixed formats.
/// Later revisions change every <see cref="ChangeEvery"/>-th row (city and title) and drop every
/// <see cref="RemoveEvery"/>-th row, the way a CRM changes between two exports.
/// </summary>
public sealed class SyntheticDataset
{
    /// <summary>Bumped whenever the generated values change (files written by an older generator are not reused).</summary>
    public const int GeneratorVersion = 1;

    public static readonly string[] Columns = { "CrmId", "First Name", "Last Name", "Email", "Mobile", "City", "Title" };

    private static readonly string[] FirstNames =
    {
        "Ann", "Zoë", "José", "Łukasz", "Søren", "Anaïs", "Mårten", "Nguyễn", "Chloé", "François", "Björn", "Dāvis",
        "Дмитрий", "Αλέξανδρος", "美優", "Ólafur", "Siobhán", "Renée", "Jürgen", "Ömer", "Ana María", "Mohammed", "Priya", "Chen",
    };
    private static readonly string[] FirstAscii =
    {
        "ann", "zoe", "jose", "lukasz", "soren", "anais", "marten", "nguyen", "chloe", "francois", "bjorn", "davis",
        "dmitry", "alexandros", "miyu", "olafur", "siobhan", "renee", "jurgen", "omer", "anamaria", "mohammed", "priya", "chen",
    };
    private static readonly string[] LastNames =
    {
        "O'Brien", "García", "Müller", "Šimić", "Nowak", "Smith", "van der Berg", "Ødegård", "Иванов", "Παπαδόπουλος", "山田",
        "Kowalczyk", "D'Angelo", "Lee", "Nguyễn", "Øster-Jensen", "Fernández, Jr.", "Dvořák", "Yılmaz", "Al-Sayed",
    };
    private static readonly string[] LastAscii =
    {
        "obrien", "garcia", "muller", "simic", "nowak", "smith", "vanderberg", "odegard", "ivanov", "papadopoulos", "yamada",
        "kowalczyk", "dangelo", "lee", "nguyen", "osterjensen", "fernandez", "dvorak", "yilmaz", "alsayed",
    };
    private static readonly string[] Cities =
    {
        "San Francisco", "Köln", "São Paulo", "Zürich", "Washington, D.C.", "Kraków", "München", "Москва", "東京",
        "Reykjavík", "Montréal", "Łódź", "New York", "Bogotá", "Malmö", "İstanbul",
    };
    private static readonly string[] Titles =
    {
        "Account Manager", "Directeur Général", "VP, Sales", "Head of \"Growth\"", "Ingeniera de Soporte", "CTO", "Buyer", "Geschäftsführer",
    };
    private static readonly string[] Domains = { "example.com", "example.org", "mail.example.net", "corp.example.co.uk" };
    private static readonly int[] UsAreaCodes = { 212, 312, 415, 617, 206, 303, 512, 213, 404, 305, 702, 919 };

    public SyntheticDataset(int count, int seed = 1)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        Count = count;
        Seed = seed;
    }

    /// <summary>Rows of the first revision (row numbers 1..Count before removals).</summary>
    public int Count { get; }
    public int Seed { get; }
    /// <summary>0 = no change; else rows with index % ChangeEvery == ChangeEvery - 1 get a new city and title.</summary>
    public int ChangeEvery { get; init; }
    /// <summary>0 = none; else rows with index % RemoveEvery == RemoveEvery / 2 are left out.</summary>
    public int RemoveEvery { get; init; }
    /// <summary>Marks changed values, so two later revisions differ from each other too.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>A later export of the same CRM.</summary>
    public SyntheticDataset With(int changeEvery, int removeEvery, int revision) =>
        new(Count, Seed) { ChangeEvery = changeEvery, RemoveEvery = removeEvery, Revision = revision };

    public bool IsRemoved(int index) => RemoveEvery > 0 && index % RemoveEvery == RemoveEvery / 2;
    public bool IsChanged(int index) => ChangeEvery > 0 && index % ChangeEvery == ChangeEvery - 1;

    /// <summary>Rows present in this revision.</summary>
    public int PresentCount
    {
        get
        {
            if (RemoveEvery <= 0) return Count;
            var r = RemoveEvery / 2; // removed: index % RemoveEvery == r, indexes 1..Count
            var removed = r == 0 ? Count / RemoveEvery : Count >= r ? (Count - r) / RemoveEvery + 1 : 0;
            return Count - removed;
        }
    }

    public IEnumerable<SyntheticContact> Enumerate()
    {
        for (var i = 1; i <= Count; i++)
            if (!IsRemoved(i)) yield return Row(i);
    }

    public SyntheticContact Row(int index)
    {
        var h = Mix((ulong)Seed, (ulong)index);
        var first = (int)(h % (ulong)FirstNames.Length);
        var last = (int)((h >> 8) % (ulong)LastNames.Length);
        var changed = IsChanged(index);
        var city = Cities[(int)((h >> 16) % (ulong)Cities.Length)];
        var title = Titles[(int)((h >> 24) % (ulong)Titles.Length)];
        if (changed)
        {
            city = Cities[(int)(((h >> 16) + (ulong)Revision) % (ulong)Cities.Length)];
            title = title + " (r" + Revision.ToString(CultureInfo.InvariantCulture) + ")";
        }
        var (phoneCell, e164) = Phone(Mix(h, 0x9E3779B97F4A7C15UL));
        var local = FirstAscii[first] + "." + LastAscii[last] + "." + index.ToString(CultureInfo.InvariantCulture);
        var domain = Domains[(int)((h >> 32) % (ulong)Domains.Length)];
        var email = local + "@" + domain;
        var style = (int)((h >> 40) % 16);
        if (style == 0) email = Capitalized(local) + "@" + domain.ToUpperInvariant(); // CRM exports are not consistent
        var firstCell = FirstNames[first];
        var lastCell = LastNames[last];
        if (style == 1) firstCell = " " + firstCell + " ";
        if (style == 2) lastCell += "  ";
        return new SyntheticContact
        {
            Index = index,
            CrmId = "CRM-" + index.ToString("D8", CultureInfo.InvariantCulture),
            FirstCell = firstCell,
            LastCell = lastCell,
            EmailCell = style == 3 ? " " + email : email,
            PhoneCell = phoneCell,
            PhoneE164 = e164,
            City = city,
            Title = title,
        };
    }

    /// <summary>Writes this revision as a CSV file (UTF-8 with BOM, CRLF, quotes where needed), streaming.</summary>
    public long WriteCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        long rows = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(",", Columns));
        var cells = new string[Columns.Length];
        foreach (var c in Enumerate())
        {
            cells[0] = c.CrmId;
            cells[1] = c.FirstCell;
            cells[2] = c.LastCell;
            cells[3] = c.EmailCell;
            cells[4] = c.PhoneCell;
            cells[5] = c.City;
            cells[6] = c.Title;
            for (var k = 0; k < cells.Length; k++)
            {
                if (k > 0) writer.Write(',');
                writer.Write(Quote(cells[k]));
            }
            writer.WriteLine();
            rows++;
        }
        return rows;
    }

    /// <summary>The cells of a row by column name (for pipeline objects).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Cells(SyntheticContact c)
    {
        yield return new(Columns[0], c.CrmId);
        yield return new(Columns[1], c.FirstCell);
        yield return new(Columns[2], c.LastCell);
        yield return new(Columns[3], c.EmailCell);
        yield return new(Columns[4], c.PhoneCell);
        yield return new(Columns[5], c.City);
        yield return new(Columns[6], c.Title);
    }

    private static string Quote(string value)
    {
        if (value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0 && value.Trim() == value) return value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    private static string Capitalized(string local) =>
        string.Join(".", Array.ConvertAll(local.Split('.'), p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));

    /// <summary>A phone as a CRM user typed it, and its E.164 form.</summary>
    private static (string Cell, string E164) Phone(ulong h)
    {
        var country = (int)(h % 20);
        var format = (int)((h >> 8) % 6);
        var digits = (h >> 16) % 100_000_000UL;
        if (country < 14)
        {
            // North America: area code, exchange 2xx-9xx (no N11), line number.
            var area = UsAreaCodes[(int)(digits % (ulong)UsAreaCodes.Length)];
            var exchange = 200 + (int)((digits / 16) % 800);
            if (exchange % 100 == 11) exchange += 1;
            var line = (int)((digits / 16 / 800) % 10000);
            var e164 = $"+1{area}{exchange}{line:D4}";
            var cell = format switch
            {
                0 => $"({area}) {exchange}-{line:D4}",
                1 => $"{area}.{exchange}.{line:D4}",
                2 => $"+1 {area} {exchange} {line:D4}",
                3 => $"{area}{exchange}{line:D4}",
                4 => $"1-{area}-{exchange}-{line:D4}",
                _ => $"+1 ({area}) {exchange}-{line:D4}",
            };
            return (cell, e164);
        }
        if (country < 17)
        {
            // UK mobile 07xxx xxxxxx, written internationally (the default region is US).
            var n = 7400_000000L + (long)(digits % 599_999_999UL);
            var s = n.ToString(CultureInfo.InvariantCulture);
            var cell = (format % 3) switch
            {
                0 => $"+44 {s.Substring(0, 4)} {s.Substring(4)}",
                1 => $"+44{s}",
                _ => $"+44 (0){s.Substring(0, 4)} {s.Substring(4)}",
            };
            return (cell, "+44" + s);
        }
        if (country < 19)
        {
            // German mobile 015x / 017x.
            var prefix = new[] { "151", "170", "172", "176" }[(int)(digits % 4)];
            var rest = ((digits / 4) % 100_000_000UL).ToString("D8", CultureInfo.InvariantCulture);
            var cell = format % 2 == 0 ? $"+49 {prefix} {rest}" : $"+49-{prefix}-{rest.Substring(0, 4)}-{rest.Substring(4)}";
            return (cell, "+49" + prefix + rest);
        }
        {
            // French mobile 06 / 07.
            var n = (6 + (int)(digits % 2)).ToString(CultureInfo.InvariantCulture) + ((digits / 2) % 100_000_000UL).ToString("D8", CultureInfo.InvariantCulture);
            var cell = format % 2 == 0
                ? $"+33 {n.Substring(0, 1)} {n.Substring(1, 2)} {n.Substring(3, 2)} {n.Substring(5, 2)} {n.Substring(7, 2)}"
                : "+33" + n;
            return (cell, "+33" + n);
        }
    }

    private static ulong Mix(ulong a, ulong b)
    {
        // SplitMix64 over the pair: fast, stateless, well spread.
        var z = a * 0x9E3779B97F4A7C15UL + b + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
