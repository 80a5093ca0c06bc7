using System.Collections.Generic;
using System.Text;

namespace GenesysSync.Emulator.Http;

/// <summary>A transport-neutral reply.</summary>
internal sealed class ApiResponse
{
    public ApiResponse(int status, byte[]? body, string? contentType = "application/json")
    {
        Status = status;
        Body = body ?? new byte[0];
        ContentType = body == null ? null : contentType;
    }

    public int Status { get; }
    public byte[] Body { get; }
    public string? ContentType { get; }
    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public static ApiResponse Json(int status, byte[] json) => new(status, json);

    public static ApiResponse Json(int status, string json) => new(status, Encoding.UTF8.GetBytes(json));

    public ApiResponse WithHeader(string name, string value)
    {
        Headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }
}
