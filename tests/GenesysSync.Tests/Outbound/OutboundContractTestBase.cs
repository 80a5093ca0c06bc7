using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GenesysSync.Emulator;
using GenesysSync.Tests.Emulator;

namespace GenesysSync.Tests.Outbound;

/// <summary>Helpers for the outbound routes on top of the emulator harness (fresh org, manual clock, HTTP).</summary>
public abstract class OutboundContractTestBase : EmulatorTestBase
{
    protected const string Lists = "/api/v2/outbound/contactlists";
    protected const string Upload = "/uploads/v2/contactlist";

    protected OutboundView Outbound => Org.Outbound();

    protected static string ListPath(string id) => Lists + "/" + id;

    protected static JsonObject ListBody(string name, string[] columns, string[]? phones = null, string[]? emails = null)
    {
        var body = new JsonObject { ["name"] = name, ["columnNames"] = new JsonArray(columns.Select(c => (JsonNode)c).ToArray()) };
        if (phones != null) body["phoneColumns"] = new JsonArray(phones.Select(p => (JsonNode)new JsonObject { ["columnName"] = p, ["type"] = "cell" }).ToArray());
        if (emails != null) body["emailColumns"] = new JsonArray(emails.Select(e => (JsonNode)new JsonObject { ["columnName"] = e, ["type"] = "work" }).ToArray());
        return body;
    }

    protected async Task<string> CreateListAsync(string name = "Leads", string[]? columns = null, string[]? phones = null, string[]? emails = null)
    {
        var (status, body, _) = await PostAsync(Lists, ListBody(name, columns ?? new[] { "LeadId", "Name", "Phone", "Email" }, phones ?? new[] { "Phone" }, emails ?? new[] { "Email" }));
        Assert.True(status == 200, "list create failed: " + body?.ToJsonString());
        return body!["id"]!.GetValue<string>();
    }

    protected static JsonObject DialerContact(string listId, string? id, params (string Column, string Value)[] data)
    {
        var contact = new JsonObject { ["contactListId"] = listId, ["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Column, (JsonNode?)d.Value))) };
        if (id != null) contact["id"] = id;
        return contact;
    }

    protected Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> AddContactsAsync(string listId, IEnumerable<JsonObject> contacts, string query = "")
        => PostAsync(ListPath(listId) + "/contacts" + query, new JsonArray(contacts.Select(c => (JsonNode)c).ToArray()));

    protected async Task<HttpResponseMessage> UploadAsync(string listId, string csv, string? idColumn = "LeadId", bool withBom = false, string? token = "")
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        if (withBom) bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray();
        var form = new MultipartFormDataContent
        {
            { new StringContent(listId), "id" },
            { new StringContent("contactlist"), "fileType" },
        };
        if (idColumn != null) form.Add(new StringContent(idColumn), "contact-id-name");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        var request = new HttpRequestMessage(HttpMethod.Post, Upload) { Content = form };
        var bearer = token == "" ? Token : token;
        if (bearer != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Http.SendAsync(request);
    }

    protected async Task<JsonObject> ImportStatusAsync(string listId)
    {
        var (status, body, _) = await GetAsync(ListPath(listId) + "/importstatus");
        Assert.True(status == 200, "importstatus failed: " + body?.ToJsonString());
        return body!.AsObject();
    }

    /// <summary>LeadId,Name,Phone,Email rows L1..Ln.</summary>
    protected static string LeadsCsv(int count, int start = 1)
    {
        var sb = new StringBuilder("LeadId,Name,Phone,Email\r\n");
        for (var i = start; i < start + count; i++) sb.Append($"L{i},Lead {i},+1415555{i % 10000:0000},lead{i}@example.com\r\n");
        return sb.ToString();
    }
}
