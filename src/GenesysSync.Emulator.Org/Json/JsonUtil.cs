using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenesysSync.Emulator.Json;

/// <summary>One place for the org's JSON settings: compact output, '+' and non-ASCII written as-is like the real API.</summary>
internal static class JsonUtil
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(writer);
        }
        return stream.ToArray();
    }

    public static byte[] ToBytes(JsonNode node) => Write(w => node.WriteTo(w, SerializerOptions));

    public static JsonNode? Parse(byte[] utf8) => JsonNode.Parse(utf8, documentOptions: DocumentOptions);

    public static JsonObject ParseObject(byte[] utf8) => (JsonObject)JsonNode.Parse(utf8, documentOptions: DocumentOptions)!;

    /// <summary>Reads a string property that must be a JSON string (or absent/null).</summary>
    public static bool TryGetString(JsonObject obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetPropertyValue(name, out var node) || node == null) return true;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        return false;
    }

    public static string? GetString(JsonObject? obj, string name)
        => obj != null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;

    public static JsonObject? GetObject(JsonObject? obj, string name)
        => obj != null && obj.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

    public static JsonArray? GetArray(JsonObject? obj, string name)
        => obj != null && obj.TryGetPropertyValue(name, out var node) ? node as JsonArray : null;

    public static string Timestamp(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
