using GenesysSync.Emulator.Auth;
using GenesysSync.Emulator.Contacts;
using GenesysSync.Emulator.Journey;
using GenesysSync.Emulator.Merge;
using GenesysSync.Emulator.Notes;
using GenesysSync.Emulator.Organizations;
using GenesysSync.Emulator.Relationships;
using GenesysSync.Emulator.Sources;
using GenesysSync.Emulator.Time;

namespace GenesysSync.Emulator;

/// <summary>Everything the route families share: settings, clock, tokens and the stored data.</summary>
internal sealed class OrgState
{
    /// <summary>The org's only division. Contacts land here unless another (nonexistent) one is named.</summary>
    public const string HomeDivisionId = "b7e2f0c4-5d1a-4c3e-9a8b-1f2e3d4c5b6a";
    public const string HomeDivisionName = "Home";

    /// <summary>The user every token acts for (createdBy of schemas).</summary>
    public const string ApiUserId = "5f0c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5";

    public OrgState(EmulatorOptions options)
    {
        Options = options;
        Clock = new OrgClock(options);
        Sources = new ExternalSourceStore();
        Contacts = new ContactStore();
    }

    public EmulatorOptions Options { get; }
    public OrgClock Clock { get; }
    public TokenStore Tokens { get; } = new();
    public ExternalSourceStore Sources { get; }
    public ContactStore Contacts { get; }
    public OrganizationStore Organizations { get; } = new();
    public NoteStore Notes { get; } = new();
    public RelationshipStore Relationships { get; } = new();
    public MergeStore Merges { get; } = new();
    public JourneyStore Journey { get; } = new();
    public Schemas.SchemaStore Schemas { get; } = new();

    public static string DivisionUri => "/api/v2/authorization/divisions/" + HomeDivisionId;
}
