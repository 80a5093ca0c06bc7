using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>Base of Set-/Remove-GenesysExternalContactSchema: finds one schema by id or exact name, latest version.</summary>
public abstract class ContactSchemaCmdlet : GenesysCmdlet
{
    protected const string ByIdSet = "ById";
    protected const string ByNameSet = "ByName";

    /// <summary>
    /// The latest version of the schema with this id (<paramref name="byName"/> false) or this name (exact, any case), read
    /// with a GET of the schema itself; null after a non-terminating ExternalContactSchemaNotFound error.
    /// </summary>
    internal DataSchema? ReadSchema(string idOrName, bool byName)
    {
        var api = ActiveConnection.ExternalContacts;
        var id = idOrName.Trim();
        if (byName)
        {
            var all = Run(ct => api.ListContactSchemasAsync(ct));
            var match = all.FirstOrDefault(s => string.Equals(s.Name?.Trim(), id, StringComparison.OrdinalIgnoreCase));
            if (match?.Id is null)
            {
                var names = all.Select(s => "'" + s.Name + "'").ToList();
                WriteNotFound($"No external contact schema is named '{idOrName}'. "
                    + (names.Count == 0 ? "The org has no contact schemas." : "Schemas: " + string.Join(", ", names.Take(30)) + "."), idOrName);
                return null;
            }
            id = match.Id;
        }
        var schema = Run(ct => api.GetContactSchemaAsync(id, ct));
        if (schema is null) WriteNotFound($"No external contact schema has the id '{idOrName}'. Get-GenesysExternalContactSchema lists them.", idOrName);
        return schema;
    }

    private void WriteNotFound(string message, string target)
        => WriteError(new ErrorRecord(new ItemNotFoundException(message), "ExternalContactSchemaNotFound", ErrorCategory.ObjectNotFound, target));
}
