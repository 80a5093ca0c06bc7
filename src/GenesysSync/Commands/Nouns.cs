namespace GenesysSync.Commands;

/// <summary>Every noun carries the Genesys prefix; kept in one place so none drifts.</summary>
internal static class Nouns
{
    internal const string Prefix = "Genesys";
    internal const string Context = Prefix + "Context";
    internal const string Cloud = Prefix + "Cloud";
    internal const string Connection = Prefix + "Connection";
    internal const string ExternalContact = Prefix + "ExternalContact";
    internal const string ExternalSource = Prefix + "ExternalSource";
    internal const string ExternalContactSchema = Prefix + "ExternalContactSchema";
    internal const string SyncRun = Prefix + "SyncRun";
    internal const string ExternalOrganization = Prefix + "ExternalOrganization";
    internal const string ExternalOrganizationTrustor = Prefix + "ExternalOrganizationTrustor";
    internal const string ExternalNote = Prefix + "ExternalNote";
    internal const string ExternalRelationship = Prefix + "ExternalRelationship";
    internal const string ExternalIdentifier = Prefix + "ExternalIdentifier";
    internal const string ExternalContactSegment = Prefix + "ExternalContactSegment";
    internal const string ExternalContactSession = Prefix + "ExternalContactSession";
    internal const string ConversationExternalContact = Prefix + "ConversationExternalContact";
    internal const string ContactList = Prefix + "ContactList";
    internal const string ContactListContact = Prefix + "ContactListContact";
}

internal static class HelpLinks
{
    internal const string Base = "https://github.com/genesyssync/genesyssync/blob/main/docs/cmdlets/";
}
