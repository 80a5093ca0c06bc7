using System;

namespace GenesysSync.Emulator.Http;

/// <summary>Thrown by route code to stop and answer with an error reply (the pipeline turns it into the response).</summary>
internal sealed class ApiException : Exception
{
    public ApiException(ApiResponse response) : base("Emulated API error " + response.Status) => Response = response;

    public ApiResponse Response { get; }
}
