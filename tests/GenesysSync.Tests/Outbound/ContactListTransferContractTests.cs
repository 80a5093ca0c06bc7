using System.Text;
using System.Text.Json.Nodes;

namespace GenesysSync.Tests.Outbound;

/// <summary>CSV upload/import status and export/download of the emulator, over HTTP.</summary>
public sealed class ContactListTransferContractTests : OutboundContractTestBase
{
    [Fact]
    public async Task Upload_imports_asynchronously_and_upserts_by_the_id_column()
    {
        var id = await CreateListAsync();
        Assert.Equal(404, (await GetAsync(ListPath(id) + "/importstatus")).Status);

        var response = await UploadAsync(id, LeadsCsv(5));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, Outbound.ContactCount); // nothing lands before the import runs

        var status = await ImportStatusAsync(id); // poll 1 of 2
        Assert.Equal("IN_PROGRESS", status["state"]!.GetValue<string>());
        Assert.Equal(5, status["totalRecords"]!.GetValue<int>());
        Assert.True(status["percentComplete"]!.GetValue<int>() < 100);

        status = await ImportStatusAsync(id); // poll 2: done
        Assert.Equal(100, status["percentComplete"]!.GetValue<int>());
        Assert.Equal(5, status["completedRecords"]!.GetValue<int>());
        var list = Outbound.Find("Leads")!;
        Assert.Equal(new[] { "L1", "L2", "L3", "L4", "L5" }, list.Contacts.Select(c => c.Id));
        Assert.Equal("+14155550003", list.Contact("L3")!["Phone"]);

        await UploadAsync(id, LeadsCsv(3, start: 4)); // L4, L5 again + L6
        await ImportStatusAsync(id);
        await ImportStatusAsync(id);
        Assert.Equal(6, Outbound.Find("Leads")!.Size);
    }

    [Fact]
    public async Task Import_finishes_on_the_org_clock_without_polls()
    {
        Org.Options.Outbound.ImportPollsToComplete = 0;
        Org.Options.Outbound.ImportRowsPerSecond = 10;
        var id = await CreateListAsync();
        await UploadAsync(id, LeadsCsv(50)); // 5 s of work
        Clock.Advance(TimeSpan.FromSeconds(2));
        var status = await ImportStatusAsync(id);
        Assert.Equal(40, status["percentComplete"]!.GetValue<int>());
        Assert.Equal(20, status["completedRecords"]!.GetValue<int>());
        Assert.Equal(0, Outbound.ContactCount);

        Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(50, Outbound.Find("Leads")!.Size);
        Assert.Equal(100, (await ImportStatusAsync(id))["percentComplete"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("bom", "MISSING_CUSTOM_ID")]
    [InlineData("quoted", "MISSING_CUSTOM_ID")]
    [InlineData("no-id-column", "MISSING_CUSTOM_ID")]
    [InlineData("too-many-columns", "CONTACT_COLUMNS_LIMIT_EXCEEDED")]
    [InlineData("unknown-column", "IMPORT_COLUMNS_DO_NOT_EXIST_ON_LIST")]
    public async Task Header_faults_fail_the_import(string fault, string reason)
    {
        var id = await CreateListAsync();
        var csv = LeadsCsv(3);
        var bom = false;
        switch (fault)
        {
            case "bom": bom = true; break;
            case "quoted": csv = "\"LeadId\",\"Name\",\"Phone\",\"Email\"" + csv.Substring(csv.IndexOf('\r')); break;
            case "no-id-column": csv = csv.Replace("LeadId,", "Lead,"); break;
            case "too-many-columns": csv = string.Join(",", Enumerable.Range(1, 51).Select(i => "C" + i)) + "\r\n"; break;
            case "unknown-column": csv = csv.Replace(",Email", ",Mail"); break;
        }
        Assert.Equal(200, (int)(await UploadAsync(id, csv, withBom: bom)).StatusCode);
        var status = await ImportStatusAsync(id);
        Assert.Equal("FAILED", status["state"]!.GetValue<string>());
        Assert.Equal(reason, status["failureReason"]!.GetValue<string>());
        Assert.Equal(0, Outbound.ContactCount);
    }

    [Fact]
    public async Task Dropped_rows_vanish_silently_and_bad_rows_are_skipped()
    {
        Org.Options.Outbound.ImportRowsToDrop = 2;
        var id = await CreateListAsync();
        var csv = LeadsCsv(10) + ",no id,+14155550199,x@example.com\r\nL99,too,many,fields,here\r\n";
        await UploadAsync(id, csv);
        await ImportStatusAsync(id);
        var status = await ImportStatusAsync(id);
        Assert.Equal("IN_PROGRESS", status["state"]!.GetValue<string>());
        Assert.Equal(100, status["percentComplete"]!.GetValue<int>());
        Assert.Equal(10, status["totalRecords"]!.GetValue<int>());    // 12 rows sent, 2 dropped without a trace
        Assert.Equal(8, status["completedRecords"]!.GetValue<int>()); // 2 invalid rows skipped
        Assert.Equal(8, Outbound.Find("Leads")!.Size);
        Assert.Null(Outbound.Find("Leads")!.Contact("L10"));
    }

    [Fact]
    public async Task An_import_over_the_cap_fails_whole()
    {
        Org.Options.Outbound.MaxContactsPerList = 4;
        var id = await CreateListAsync();
        await UploadAsync(id, LeadsCsv(5));
        await ImportStatusAsync(id);
        var status = await ImportStatusAsync(id);
        Assert.Equal("FAILED", status["state"]!.GetValue<string>());
        Assert.Equal("EXCEEDED_CONTACT_LIMIT", status["failureReason"]!.GetValue<string>());
        Assert.Equal(0, Outbound.ContactCount);
    }

    [Fact]
    public async Task Upload_checks_token_form_and_list()
    {
        var id = await CreateListAsync();
        Assert.Equal(401, (int)(await UploadAsync(id, LeadsCsv(1), token: null)).StatusCode);
        Assert.Equal(401, (int)(await UploadAsync(id, LeadsCsv(1), token: "forged")).StatusCode);
        Assert.Equal(404, (int)(await UploadAsync(Guid.NewGuid().ToString(), LeadsCsv(1))).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Post, Upload) { Content = new StringContent("LeadId\r\nL1\r\n", Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(415, (int)(await Http.SendAsync(request)).StatusCode);
        Assert.Equal(1, Org.Stats.Count("POST /uploads/v2/contactlist", 415));
    }

    [Fact]
    public async Task Export_serves_the_columns_and_the_contact_id()
    {
        var id = await CreateListAsync();
        await AddContactsAsync(id, new[]
        {
            DialerContact(id, "L1", ("LeadId", "L1"), ("Name", "Ann \"Quote\", Jr"), ("Phone", "+14155550101")),
            DialerContact(id, "L2", ("LeadId", "L2"), ("Name", "=cmd")),
        });
        Assert.Equal(404, (await GetAsync(ListPath(id) + "/export")).Status); // nothing requested yet

        var (status, body, _) = await PostAsync(ListPath(id) + "/export", new JsonObject());
        Assert.Equal(200, status);
        Assert.NotNull(body!["id"]);
        Assert.Equal(404, (await GetAsync(ListPath(id) + "/export")).Status); // not ready yet
        (status, body, _) = await GetAsync(ListPath(id) + "/export?download=false");
        Assert.Equal(200, status);
        var uri = body!["uri"]!.GetValue<string>();
        Assert.NotNull(body["exportTimestamp"]);

        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        var download = await Http.SendAsync(request);
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var lines = (await download.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"inin-outbound-id\",\"LeadId\",\"Name\",\"Phone\",\"Email\",\"ContactCallable\"", lines[0]);
        Assert.Contains("Callable-Phone", lines[0]);
        Assert.StartsWith("\"L1\",\"L1\",\"Ann \"\"Quote\"\", Jr\",\"+14155550101\",\"\",\"1\"", lines[1]);
        Assert.StartsWith("\"L2\",\"L2\",\"=cmd\"", lines[2]);
        Assert.Equal(3, lines.Length);

        var anonymous = await Http.GetAsync(uri);
        Assert.Equal(401, (int)anonymous.StatusCode);
    }
}
