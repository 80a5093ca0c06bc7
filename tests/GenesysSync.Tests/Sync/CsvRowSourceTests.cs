using System.Text;
using GenesysSync.Input;

namespace GenesysSync.Tests.Sync;

public class CsvRowSourceTests
{
    private static CsvRowSource FromBytes(byte[] bytes, CsvReadOptions? options = null) =>
        new(() => new MemoryStream(bytes, writable: false), options);

    private static CsvRowSource FromText(string text, Encoding encoding, bool bom, CsvReadOptions? options = null)
    {
        var body = encoding.GetBytes(text);
        var bytes = bom ? encoding.GetPreamble().Concat(body).ToArray() : body;
        return FromBytes(bytes, options);
    }

    [Fact]
    public void Utf8BomAndQuotedHeadersWithStraySpacesAreCleaned()
    {
        var csv = "\"First Name\" , \"Last Name\",\u200BEmail \r\nAnn,Lee,ann@example.com\r\n";
        var source = FromText(csv, new UTF8Encoding(false), bom: true);

        Assert.Equal(new[] { "First Name", "Last Name", "Email" }, source.Columns);
        var row = Assert.Single(source.ReadRows());
        Assert.Equal(1, row.RowNumber);
        Assert.Equal("Ann", row["first name"]);
        Assert.Equal("Lee", row["LAST NAME"]);
        Assert.Equal("ann@example.com", row["Email"]);
        Assert.Null(row["Missing"]);
        Assert.Null(row.ReadError);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(',')]
    public void DelimiterIsDetectedFromTheHeader(char delimiter)
    {
        var d = delimiter.ToString();
        // A comma inside a quoted header must not win over the real delimiter.
        var csv = $"id{d}\"name, full\"{d}city\n1{d}\"Lee, Ann\"{d}Köln\n";
        var source = FromText(csv, new UTF8Encoding(false), bom: false);

        Assert.Equal(delimiter, source.Delimiter);
        var row = Assert.Single(source.ReadRows());
        Assert.Equal("Lee, Ann", row["name, full"]);
        Assert.Equal("Köln", row["city"]);
    }

    [Fact]
    public void DelimiterOverrideWins()
    {
        var csv = "a;b,c\n1;2,3\n";
        var source = FromText(csv, Encoding.UTF8, bom: false, new CsvReadOptions { Delimiter = ',' });
        Assert.Equal(new[] { "a;b", "c" }, source.Columns);
        Assert.Equal("3", source.ReadRows().Single()["c"]);
    }

    [Theory]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le-nobom")]
    [InlineData("utf-32le-bom")]
    public void Utf16And32AreDetected(string kind)
    {
        var csv = "Name;City\nZoë;Straße\n";
        var (encoding, bom) = kind switch
        {
            "utf-16le-bom" => (Encoding.Unicode, true),
            "utf-16be-bom" => (Encoding.BigEndianUnicode, true),
            "utf-16le-nobom" => (Encoding.Unicode, false),
            _ => ((Encoding)Encoding.UTF32, true),
        };
        var source = FromText(csv, encoding, bom);

        Assert.Equal(encoding.CodePage, source.Encoding.CodePage);
        Assert.Equal(new[] { "Name", "City" }, source.Columns);
        var row = source.ReadRows().Single();
        Assert.Equal("Zoë", row["Name"]);
        Assert.Equal("Straße", row["City"]);
    }

    [Fact]
    public void InvalidUtf8FallsBackToWindows1252()
    {
        var source = FromText("Name,Note\nMüller,€ 5\n", TextEncodings.Windows1252, bom: false);
        Assert.Equal(1252, source.Encoding.CodePage);
        var row = source.ReadRows().Single();
        Assert.Equal("Müller", row["Name"]);
        Assert.Equal("€ 5", row["Note"]);
    }

    [Fact]
    public void StrayLegacyBytePastTheSampleReadsAsWindows1252NotReplacementChar()
    {
        var head = new StringBuilder("Name\n");
        for (var i = 0; i < 200; i++) head.Append("plain").Append(i).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(head.ToString() + "Zoë\n")
            .Concat(TextEncodings.Windows1252.GetBytes("Müller\n")).ToArray();
        var source = FromBytes(bytes, new CsvReadOptions { SampleBytes = 1024 });

        Assert.Equal(65001, source.Encoding.CodePage);
        var rows = source.ReadRows().ToList();
        Assert.Equal("Zoë", rows[^2]["Name"]);
        Assert.Equal("Müller", rows[^1]["Name"]);
    }

    [Fact]
    public void EncodingOverrideByNameIsUsedAndItsBomSkipped()
    {
        var source = FromText("Name\nÅsa\n", Encoding.UTF8, bom: true, new CsvReadOptions { Encoding = TextEncodings.GetByName("utf-8") });
        Assert.Equal(new[] { "Name" }, source.Columns);
        Assert.Equal("Åsa", source.ReadRows().Single()["Name"]);
    }

    [Fact]
    public void DuplicateHeaderNamesAreAClearError()
    {
        var ex = Assert.Throws<DuplicateColumnException>(() => FromText("Email,Name, email \n", Encoding.UTF8, false));
        Assert.Equal(1, ex.FirstPosition);
        Assert.Equal(3, ex.SecondPosition);
        Assert.Contains("'email'", ex.Message);
        Assert.Contains("appears twice", ex.Message);
    }

    [Fact]
    public void EmptyInputIsAClearError()
    {
        var ex = Assert.Throws<FormatException>(() => FromBytes(Array.Empty<byte>()));
        Assert.Contains("header", ex.Message);
    }

    [Fact]
    public void RaggedRowsGetAPerRowErrorWithoutValuesAndReadingContinues()
    {
        var csv = "id,name,email\n1,Ann,a@x.com\n2,Bob,secret@x.com,extra\n3,Cy\n4,Di,d@x.com\n";
        var rows = FromText(csv, Encoding.UTF8, false).ReadRows().ToList();

        Assert.Equal(4, rows.Count);
        Assert.Null(rows[0].ReadError);
        Assert.Equal(RowReadErrorCodes.RaggedRow, rows[1].ReadError!.Code);
        Assert.Contains("4 field(s)", rows[1].ReadError!.Message);
        Assert.DoesNotContain("secret", rows[1].ReadError!.Message);
        Assert.Equal(RowReadErrorCodes.RaggedRow, rows[2].ReadError!.Code);
        Assert.Null(rows[2]["email"]);
        Assert.Null(rows[3].ReadError);
        Assert.Equal(new[] { 1, 2, 3, 4 }, rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void QuotedValuesKeepDelimitersQuotesAndLineBreaks()
    {
        var csv = "id,note\n1,\"line one\nline \"\"two\"\", end\"\n\n2,plain\n";
        var rows = FromText(csv, Encoding.UTF8, false).ReadRows().ToList();
        Assert.Equal(2, rows.Count); // the blank line is skipped
        Assert.Equal("line one\nline \"two\", end", rows[0]["note"]);
        Assert.Equal(2, rows[1].RowNumber);
    }

    [Fact]
    public void AnUnclosedQuoteFailsOnlyItsRowAndTheRowsAfterItAreStillRead()
    {
        var csv = "id,name,email\r\n1,Ann,a@x.com\r\n2,\"Bob,secret@x.com\r\n3,Cy,c@x.com\r\n4,\"Di, Jr.\",d@x.com\r\n5,Ed,e@x.com\r\n";
        var rows = FromText(csv, Encoding.UTF8, false).ReadRows().ToList();

        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, rows.Select(r => r["id"]));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, rows.Select(r => r.RowNumber));
        var broken = rows[1].ReadError!;
        Assert.Equal(RowReadErrorCodes.RaggedRow, broken.Code);
        Assert.StartsWith("Row 2 (line 3) has a quote that is not closed", broken.Message);
        Assert.DoesNotContain("secret", broken.Message);
        Assert.Equal("\"Bob", rows[1]["name"]); // read as typed, so the failed-rows file shows the stray quote
        Assert.All(rows.Where(r => r.RowNumber != 2), r => Assert.Null(r.ReadError));
        Assert.Equal("Di, Jr.", rows[3]["name"]);
        Assert.Equal("e@x.com", rows[4]["email"]);
    }

    [Fact]
    public void LinesOfARaggedMultiLineValueAreNotLoadedAsRowsOfTheirOwn()
    {
        // A real multi-line value in a row with one field too many: the value's last line must not become a row.
        var csv = "id,note,email\n1,\"first line\nlast\",extra,a@x.com\n2,plain,b@x.com\n";
        var rows = FromText(csv, Encoding.UTF8, false).ReadRows().ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal("1", rows[0]["id"]);
        Assert.NotNull(rows[0].ReadError);
        Assert.Contains("line 3", rows[1].ReadError!.Message);
        Assert.Null(rows[2].ReadError);
        Assert.Equal("2", rows[2]["id"]);
    }

    [Theory]
    [InlineData("sep=;\r\nid;name\r\n1;Ann\r\n")]
    [InlineData("SEP=;\nid;name\n1;Ann\n")]
    public void ExcelSepLineNamesTheDelimiterAndIsNotTheHeader(string csv)
    {
        var source = FromText(csv, Encoding.UTF8, bom: true);
        Assert.Equal(';', source.Delimiter);
        Assert.Equal(new[] { "id", "name" }, source.Columns);
        var row = Assert.Single(source.ReadRows());
        Assert.Equal("Ann", row["name"]);
        Assert.Equal(1, row.RowNumber);
    }

    [Theory]
    [InlineData("sep=,\nid,name\n1,Ann\n2,Bob,extra\n", "(line 4)")]
    [InlineData("id,name\r\n1,Ann\r\n\r\n\r\n2,Bob,extra\r\n", "(line 5)")]
    [InlineData("id,name\r\n1,\"Ann\r\nLee\"\r\n\r\n2,Bob,extra\r\n", "(line 5)")]
    [InlineData("id,name\n1,Ann\n\n2,\"Bob\n3,Cy\n", "(line 4)")]
    public void ABrokenRowNamesTheLineItStartsOn(string csv, string line)
    {
        var rows = FromText(csv, Encoding.UTF8, false).ReadRows().ToList();
        Assert.Contains(line, rows[1].ReadError!.Message);
    }

    [Fact]
    public void EmptyHeaderGetsAPositionalName()
    {
        var source = FromText("id,,name\n1,x,Ann\n", Encoding.UTF8, false);
        Assert.Equal(new[] { "id", "H2", "name" }, source.Columns);
    }

    [Fact]
    public void ReadRowsStartsOverAndStreams()
    {
        var sb = new StringBuilder("id,name\n");
        for (var i = 1; i <= 50_000; i++) sb.Append(i).Append(",name").Append(i).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        CountingStream? last = null;
        var source = new CsvRowSource(() => last = new CountingStream(bytes), new CsvReadOptions { SampleBytes = 4096 });

        using (var e = source.ReadRows().GetEnumerator())
        {
            Assert.True(e.MoveNext());
            Assert.Equal("1", e.Current["id"]);
            // Only a buffer's worth has been read, not the whole file.
            Assert.True(last!.BytesRead < bytes.Length / 4, $"read {last.BytesRead} of {bytes.Length}");
        }
        Assert.Equal(50_000, source.ReadRows().Count());
        Assert.Equal("name50000", source.ReadRows().Last()["name"]);
    }

    [Fact]
    public void CsvAndDictionaryRowsReadTheSame()
    {
        var csv = "\uFEFFExternal Id;First Name;Mobile;Empty\n42;Zoë;(415) 555-2671;\n";
        var csvRow = FromText(csv, new UTF8Encoding(false), false).ReadRows().Single();
        var dictRow = DictionaryRow.FromObjects(1, new Dictionary<string, object?>
        {
            ["External Id"] = 42,
            ["First Name"] = "Zoë",
            ["Mobile"] = "(415) 555-2671",
            ["Empty"] = "",
        });

        Assert.Equal(csvRow.Columns, dictRow.Columns);
        foreach (var c in csvRow.Columns) Assert.Equal(csvRow[c], dictRow[c]);
        Assert.Equal(csvRow.RowNumber, dictRow.RowNumber);
    }

    [Fact]
    public void DictionaryRowRejectsDuplicateNamesAndConvertsValuesInvariantly()
    {
        Assert.Throws<DuplicateColumnException>(() => new DictionaryRow(1, new[]
        {
            new KeyValuePair<string, string?>("Email", "a"), new KeyValuePair<string, string?>("EMAIL ", "b"),
        }));
        Assert.Equal("1.5", DictionaryRow.ToText(1.5m));
        Assert.Equal("True", DictionaryRow.ToText(true));
        Assert.Null(DictionaryRow.ToText(null));
        var original = new object();
        var row = DictionaryRow.FromObjects(3, new Dictionary<string, object?> { ["n"] = 7 }, original);
        Assert.Same(original, row.Original);
        Assert.Equal("7", row["N"]);
    }

    [Fact]
    public void DictionaryRowsOfTheSameShapeShareOneColumnIndexAndStillReadTheirOwnValues()
    {
        var first = DictionaryRow.FromObjects(1, new Dictionary<string, object?> { ["Id"] = 1, ["Email"] = "a@x.test" });
        var second = DictionaryRow.FromObjects(2, new Dictionary<string, object?> { ["Id"] = 2, ["Email"] = "b@x.test" }, sameShapeAs: first);
        var reordered = DictionaryRow.FromObjects(3, new Dictionary<string, object?> { ["Email"] = "c@x.test", ["Id"] = 3 }, sameShapeAs: second);
        var wider = DictionaryRow.FromObjects(4, new Dictionary<string, object?> { ["Id"] = 4, ["Email"] = "d@x.test", ["City"] = "Oslo" }, sameShapeAs: second);

        Assert.True(second.SharesColumnsWith(first));
        Assert.False(reordered.SharesColumnsWith(second));
        Assert.False(wider.SharesColumnsWith(second));
        Assert.Equal(("2", "b@x.test"), (second["id"], second["EMAIL"]));
        Assert.Equal(("3", "c@x.test"), (reordered["Id"], reordered["Email"]));
        Assert.Equal("Oslo", wider["city"]);
        Assert.Null(second["City"]);
    }

    private sealed class CountingStream : MemoryStream
    {
        public CountingStream(byte[] bytes) : base(bytes, writable: false) { }
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = base.Read(buffer);
            BytesRead += n;
            return n;
        }
    }
}
