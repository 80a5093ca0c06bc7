using System;
using System.Collections;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Infrastructure;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// New-GenesysExternalContactSchema: creates a custom-field schema for contacts from a field list, e.g.
/// <c>-Field @{ accountTier = @{ Type = 'Enum'; Values = 'Gold','Silver' }; loyaltyId = 'Identifier'; seats = 'Integer' }</c>.
/// </summary>
[Cmdlet(VerbsCommon.New, Nouns.ExternalContactSchema, SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "New-GenesysExternalContactSchema.md")]
[OutputType(typeof(GenesysExternalContactSchema))]
public sealed class NewGenesysExternalContactSchemaCommand : GenesysCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateLength(1, 100)]
    public string Name { get; set; } = "";

    /// <summary>
    /// Field name → type name (Text, LongText, Url, Identifier, Enum, Date, DateTime, Integer, Number, Checkbox, Tag), or
    /// → a hashtable with Type and optional Title, Description, MaxLength, Values (Enum), Minimum, Maximum, Required.
    /// A name that already ends in a type suffix ("seats_integer") keeps it.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public Hashtable Field { get; set; } = new();

    [Parameter]
    [ValidateLength(0, 500)]
    public string? Description { get; set; }

    protected override void EndProcessing()
    {
        DataSchema schema;
        try
        {
            schema = Build();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new PSArgumentException(ex.Message, ex), "InvalidSchemaField", Field);
            return;
        }
        var keys = string.Join(", ", schema.JsonSchema!.Properties!.Keys);
        if (!ShouldProcess(Name, "Create external contact schema (" + keys + ")")) return;
        try
        {
            WriteObject(new GenesysExternalContactSchema(Run(ct => ActiveConnection.ExternalContacts.CreateContactSchemaAsync(schema, ct))));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactSchemaCreateFailed", Name);
        }
    }

    private DataSchema Build()
    {
        var (properties, required) = ContactSchemaFields.Parse(Field);
        if (properties.Count == 0) throw new ArgumentException("Give at least one field.");
        return new DataSchema
        {
            Name = Name,
            Enabled = true,
            JsonSchema = new JsonSchemaDocument
            {
                Title = Name,
                Description = Description,
                Type = "object",
                Required = required.Count == 0 ? null : required,
                Properties = properties,
            },
        };
    }
}
