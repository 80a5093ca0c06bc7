namespace GenesysSync.Emulator;

/// <summary>
/// Limits of the contact custom-field schemas (what GET /contacts/schemas/limits reports). The API states these per org
/// without fixed public values; the defaults here are settings, not confirmed figures.
/// </summary>
public sealed class SchemaOptions
{
    public int MaxSchemasPerOrg { get; set; } = 20;
    public int MaxFieldsPerSchema { get; set; } = 100;
    public int MaxFieldsPerOrg { get; set; } = 500;
    public int MinFieldNameCharacters { get; set; } = 1;
    public int MaxFieldNameCharacters { get; set; } = 100;
    public int MaxFieldTitleCharacters { get; set; } = 200;
    public int MaxFieldDescriptionCharacters { get; set; } = 500;
    public int MinSchemaNameCharacters { get; set; } = 1;
    public int MaxSchemaNameCharacters { get; set; } = 100;
    public int MaxSchemaDescriptionCharacters { get; set; } = 500;
}
