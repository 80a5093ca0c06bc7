using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysSync.Api.Models;

/// <summary>
/// Base of every API model: JSON properties we do not model are kept here and written back,
/// so a GET → modify → PUT round trip never drops fields the server knows and we don't.
/// </summary>
public abstract class JsonModel
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
