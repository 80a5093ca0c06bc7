using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// Set-GenesysExternalContactSchema: adds or removes fields, changes the title, description or enabled flag. Reads the
/// latest version and sends it back with the changes and that version number; Genesys stores a new version. If someone
/// else changed the schema in between, Genesys answers 409 and nothing is changed (ExternalContactSchemaConflict; no retry).
/// </summary>
[Cmdlet(VerbsCommon.Set, Nouns.ExternalContactSchema, DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    HelpUri = HelpLinks.Base + "Set-GenesysExternalContactSchema.md")]
[OutputType(typeof(GenesysExternalContactSchema))]
public sealed class SetGenesysExternalContactSchemaCommand : ContactSchemaCmdlet
{
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SchemaId")]
    [ValidateNotNullOrEmpty]
    public string Id { get; set; } = "";

    /// <summary>The schema's name (exact, any case).</summary>
    [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Fields to add, in the syntax of New-GenesysExternalContactSchema -Field.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? AddField { get; set; }

    /// <summary>Fields to remove, by key ("seats_integer") or name without the type suffix ("seats").</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveField { get; set; }

    /// <summary>The schema's display title (jsonSchema.title).</summary>
    [Parameter]
    [ValidateLength(1, 100)]
    public string? Title { get; set; }

    /// <summary>The schema's description; an empty string removes it.</summary>
    [Parameter]
    [ValidateLength(0, 500)]
    public string? Description { get; set; }

    [Parameter]
    public bool? Enabled { get; set; }

    private Dictionary<string, JsonElement>? _added;
    private List<string>? _addedRequired;

    protected override void BeginProcessing()
    {
        if (AddField is null) return;
        try
        {
            (_added, _addedRequired) = ContactSchemaFields.Parse(AddField);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new PSArgumentException(ex.Message, ex), "InvalidSchemaField", AddField);
        }
    }

    protected override void ProcessRecord()
    {
        var byName = ParameterSetName == ByNameSet;
        var target = byName ? Name : Id;
        DataSchema? schema;
        try
        {
            schema = ReadSchema(target, byName);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactSchemaGetFailed", target);
            return;
        }
        if (schema is null) return;

        var label = Invariant($"{schema.Name} ({schema.Id}) version {schema.Version}");
        var document = schema.JsonSchema ??= new JsonSchemaDocument { Type = "object" };
        var properties = document.Properties = new Dictionary<string, JsonElement>(document.Properties ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        var required = new List<string>(document.Required ?? new List<string>());
        var changes = new List<string>();

        var removed = new List<string>();
        foreach (var name in RemoveField ?? Array.Empty<string>())
        {
            var key = ContactSchemaFields.FindKey(properties.Keys, name);
            if (key is null)
            {
                WriteError(new ErrorRecord(new PSArgumentException($"The schema '{schema.Name}' has no field '{name}'. Fields: {string.Join(", ", properties.Keys)}."),
                    "InvalidSchemaField", ErrorCategory.InvalidArgument, name));
                return;
            }
            if (removed.Contains(key)) continue;
            properties.Remove(key);
            required.Remove(key);
            removed.Add(key);
        }
        if (removed.Count > 0)
            changes.Add("remove " + string.Join(", ", removed) + " (values stored in " + (removed.Count == 1 ? "this field" : "these fields")
                + " on contacts become unreachable: the new version does not define " + (removed.Count == 1 ? "it" : "them")
                + ", and a contact moved to it can no longer carry them)");

        if (_added is { Count: > 0 })
        {
            var existing = _added.Keys.Where(properties.ContainsKey).ToList();
            if (existing.Count > 0)
            {
                WriteError(new ErrorRecord(new PSArgumentException($"The schema '{schema.Name}' already has the field(s) {string.Join(", ", existing)}. "
                    + "A field cannot be redefined in place; remove it (-RemoveField) and add it again to change its definition."),
                    "InvalidSchemaField", ErrorCategory.InvalidArgument, string.Join(",", existing)));
                return;
            }
            foreach (var pair in _added) properties[pair.Key] = pair.Value;
            required.AddRange(_addedRequired!.Where(k => !required.Contains(k)));
            changes.Add("add " + string.Join(", ", _added.Keys));
        }
        document.Required = required.Count == 0 ? null : required;

        if (Title is not null && Title != document.Title)
        {
            document.Title = Title;
            changes.Add($"title '{Title}'");
        }
        if (Description is not null && Description != (document.Description ?? ""))
        {
            document.Description = Description.Length == 0 ? null : Description;
            changes.Add(Description.Length == 0 ? "no description" : "new description");
        }
        if (Enabled is bool enabled && enabled != (schema.Enabled ?? true))
        {
            schema.Enabled = enabled;
            changes.Add(enabled ? "enable" : "disable");
        }

        if (changes.Count == 0)
        {
            WriteVerbose($"Nothing to change on {label}.");
            WriteObject(new GenesysExternalContactSchema(schema));
            return;
        }
        if (properties.Count == 0)
        {
            WriteError(new ErrorRecord(new PSArgumentException($"Removing {string.Join(", ", removed)} would leave the schema '{schema.Name}' without fields; "
                + "a schema needs at least one (Remove-GenesysExternalContactSchema deletes it)."), "InvalidSchemaField", ErrorCategory.InvalidArgument, target));
            return;
        }
        if (!ShouldProcess(label, "Update external contact schema: " + string.Join("; ", changes))) return;
        try
        {
            var updated = Run(ct => ActiveConnection.ExternalContacts.UpdateContactSchemaAsync(schema.Id!, schema, ct));
            WriteVerbose(Invariant($"Schema '{updated.Name}' is now at version {updated.Version}."));
            WriteObject(new GenesysExternalContactSchema(updated));
        }
        catch (GenesysConflictException ex)
        {
            var record = ErrorRecords.From(ex, "ExternalContactSchemaConflict", schema.Name);
            record.ErrorDetails = new ErrorDetails(Invariant($"The schema '{schema.Name}' changed after it was read: version {schema.Version} is no longer the latest (someone else updated it), so nothing was changed. ")
                + $"Read it again (Get-GenesysExternalContactSchema -Name '{schema.Name}'), check the other change, and run the command again. Genesys: {ex.Message}")
            {
                RecommendedAction = "Re-read the schema and run the command again; the command does not retry on its own.",
            };
            WriteError(record);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactSchemaUpdateFailed", schema.Name);
        }
    }
}
