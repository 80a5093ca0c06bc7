using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GenesysSync.Emulator.Outbound;

/// <summary>
/// The export file: "inin-outbound-id" (the contact id), the list's columns, then system columns like the real
/// export's (callable flags and per phone/e-mail column call records), every field quoted, in dialing order.
/// </summary>
internal static class ContactListExporter
{
    public const string ContactIdColumn = "inin-outbound-id";

    public static byte[] Build(StoredContactList list)
    {
        var columns = list.Layout.Names;
        var phones = list.PhoneColumns;
        var emails = list.EmailColumns;
        var header = new List<string> { ContactIdColumn };
        header.AddRange(columns);
        header.AddRange(new[] { "ContactCallable", "ContactableByVoice", "ContactableBySms", "ContactableByEmail", "ZipCodeAutomaticTimeZone" });
        foreach (var phone in phones)
            header.AddRange(new[] { "CallRecordLastAttempt-" + phone, "CallRecordLastResult-" + phone, "CallRecordLastAgentWrapup-" + phone, "Callable-" + phone });
        foreach (var email in emails)
            header.AddRange(new[] { "EmailLastAttempt-" + email, "EmailLastResult-" + email, "Contactable-" + email });

        var sb = new StringBuilder();
        CsvText.WriteRecord(sb, header);
        foreach (var contact in list.Contacts.Values.OrderBy(c => c.QueueOrder))
        {
            var data = contact.DataFor(columns);
            var callable = contact.Callable ? "1" : "0";
            var row = new List<string?> { contact.Id };
            row.AddRange(columns.Select(c => data.TryGetValue(c, out var v) ? v : ""));
            row.AddRange(new[] { callable, callable, callable, callable, "" });
            foreach (var phone in phones) row.AddRange(new[] { "", "", "", data.ContainsKey(phone) ? callable : "" });
            foreach (var email in emails) row.AddRange(new[] { "", "", data.ContainsKey(email) ? callable : "" });
            CsvText.WriteRecord(sb, row);
        }
        return new UTF8Encoding(false).GetBytes(sb.ToString());
    }
}
