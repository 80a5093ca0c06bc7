using System;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api.Models;
using GenesysSync.Http;
using GenesysSync.Infrastructure;
using GenesysSync.Sync;

namespace GenesysSync.Commands.ExternalContacts;

/// <summary>
/// Get-GenesysExternalContact: by id, full-text search (capped at 1,000 by the API), identifier
/// lookup (email, phone, external id), or the whole org through the scan cursor.
/// </summary>
[Cmdlet(VerbsCommon.Get, Nouns.ExternalContact, DefaultParameterSetName = ByIdSet, HelpUri = HelpLinks.Base + "Get-GenesysExternalContact.md")]
[OutputType(typeof(GenesysExternalContact), typeof(string))]
public sealed class GetGenesysExternalContactCommand : GenesysCmdlet
{
    private const string ByIdSet = "ById";
    private const string SearchSet = "Search";
    private const string EmailSet = "Email";
    private const string PhoneSet = "Phone";
    private const string ExternalIdSet = "ExternalId";
    private const string AllSet = "All";
    private const string OrganizationIdSet = "OrganizationId";
    private const string OrganizationSet = "Organization";

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ContactId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = SearchSet, Mandatory = true)]
    [Parameter(ParameterSetName = OrganizationIdSet)]
    [Parameter(ParameterSetName = OrganizationSet)]
    [ValidateNotNullOrEmpty]
    public string Search { get; set; } = "";

    /// <summary>The contacts of this external organization (with -Search: only those matching).</summary>
    [Parameter(ParameterSetName = OrganizationIdSet, Mandatory = true)]
    [Alias("ExternalOrganizationId")]
    [ValidateNotNullOrEmpty]
    public string OrganizationId { get; set; } = "";

    /// <summary>Organizations (from Get-GenesysExternalOrganization) whose contacts to list.</summary>
    [Parameter(ParameterSetName = OrganizationSet, Mandatory = true, ValueFromPipeline = true)]
    public GenesysExternalOrganization? Organization { get; set; }

    /// <summary>With -Id: the contact as stored, without following a merge (a merged-away contact as it was).</summary>
    [Parameter(ParameterSetName = ByIdSet)]
    public SwitchParameter Unresolved { get; set; }

    [Parameter(ParameterSetName = EmailSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("WorkEmail")]
    [ValidateNotNullOrEmpty]
    public string Email { get; set; } = "";

    [Parameter(ParameterSetName = PhoneSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Phone { get; set; } = "";

    /// <summary>Region for phone numbers written without a country code (ISO code, e.g. US, GB, DE).</summary>
    [Parameter(ParameterSetName = PhoneSet)]
    [ValidateNotNullOrEmpty]
    public string DefaultRegion { get; set; } = "US";

    [Parameter(ParameterSetName = ExternalIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ExternalId { get; set; } = "";

    /// <summary>
    /// Name or id of the External Source the external id belongs to (default GenesysSync, the sync's source). Optional
    /// because a set mixing a pipeline parameter with a mandatory non-pipeline one stops PowerShell binding piped
    /// organizations (-Organization) by value.
    /// </summary>
    [Parameter(ParameterSetName = ExternalIdSet)]
    [ValidateNotNullOrEmpty]
    public string ExternalSource { get; set; } = Sync.SyncGenesysExternalContactCommand.DefaultSourceName;

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>Emit the API's JSON instead of contact objects.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        var api = ActiveConnection.ExternalContacts;
        switch (ParameterSetName)
        {
            case ByIdSet:
                foreach (var id in Id)
                {
                    try
                    {
                        var contact = Unresolved
                            ? Run(ct => ActiveConnection.ContactIdentity.GetUnresolvedAsync(id, ct))
                            : Run(ct => api.GetContactAsync(id, ct));
                        if (contact is null) WriteNotFound($"No external contact has the id '{id}'.", id);
                        else Emit(contact);
                    }
                    catch (GenesysApiException ex)
                    {
                        WriteItemError(ex, "ExternalContactGetFailed", id);
                    }
                }
                break;
            case SearchSet:
                var found = Run(ct => api.SearchAllContactsAsync(Search, 100, ct));
                foreach (var contact in found.Contacts) Emit(contact);
                if (found.Capped)
                {
                    WriteWarning(Invariant($"The search matched more contacts than the API returns (it stops at 1,000; {found.Total?.ToString() ?? "more"} matched). Narrow the search, or use -All to read the whole org."));
                }
                break;
            case EmailSet:
                if (!EmailAddress.TryNormalize(Email, out var email))
                {
                    WriteItemError(new PSArgumentException("The -Email value is not a valid e-mail address."), "InvalidEmail", Email);
                    return;
                }
                Lookup("Email", email, null, Email);
                break;
            case PhoneSet:
                if (!ContactNormalizer.TryNormalizePhone(Phone, DefaultRegion, false, out var e164, out _, out _))
                {
                    WriteItemError(new PSArgumentException($"The -Phone value cannot be read as a phone number (default region {DefaultRegion}). Give it with its country code, e.g. +44 20 7946 0958."), "InvalidPhoneNumber", Phone);
                    return;
                }
                Lookup("Phone", e164, null, Phone);
                break;
            case ExternalIdSet:
                var source = ResolveSource(ExternalSource);
                if (source is null) return;
                Lookup("ExternalId", ExternalId, source.Id, ExternalId);
                break;
            case AllSet:
                ReadAll(api);
                break;
            case OrganizationIdSet:
            case OrganizationSet:
                OfOrganization(ParameterSetName == OrganizationSet ? Organization!.Id : OrganizationId);
                break;
        }
    }

    private void OfOrganization(string organizationId)
    {
        try
        {
            var found = Run(ct => ActiveConnection.ExternalOrganizations.ListContactsAsync(organizationId, MyInvocation.BoundParameters.ContainsKey(nameof(Search)) ? Search : null, ct));
            foreach (var contact in found.Items) Emit(contact);
            if (found.Capped) WriteWarning(Invariant($"The organization has more matching contacts than the API returns (it stops at 1,000; {found.Total?.ToString() ?? "more"} matched)."));
        }
        catch (GenesysNotFoundException)
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No external organization has the id '{organizationId}'."), "ExternalOrganizationNotFound", ErrorCategory.ObjectNotFound, organizationId));
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactGetFailed", organizationId);
        }
    }

    private void Lookup(string type, string value, string? sourceId, string target)
    {
        try
        {
            var contact = Run(ct => ActiveConnection.ExternalContacts.LookupContactAsync(type, value, sourceId, ct));
            if (contact is null) WriteNotFound($"No external contact has that {type}.", target);
            else Emit(contact);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, "ExternalContactLookupFailed", target);
        }
    }

    internal ExternalSource? ResolveSource(string nameOrId)
    {
        var sources = Run(ct => ActiveConnection.ExternalContacts.ListExternalSourcesAsync(null, ct));
        var source = sources.FirstOrDefault(s => string.Equals(s.Id, nameOrId, StringComparison.OrdinalIgnoreCase))
            ?? sources.FirstOrDefault(s => string.Equals(s.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
        if (source is null)
        {
            WriteItemError(new ItemNotFoundException($"No External Source is named '{nameOrId}'. Get-GenesysExternalSource lists them."), "ExternalSourceNotFound", nameOrId);
        }
        return source;
    }

    private void ReadAll(Api.ExternalContactsApi api)
    {
        var progress = new ProgressRecord(1, "Reading all external contacts", "Starting");
        long count = 0;
        var enumerator = api.ScanContactsAsync(200, CancellationToken).GetAsyncEnumerator(CancellationToken);
        try
        {
            while (Run(ct => enumerator.MoveNextAsync().AsTask()))
            {
                Emit(enumerator.Current);
                if (++count % 200 == 0)
                {
                    progress.StatusDescription = Invariant($"{count:N0} contacts read");
                    WriteProgress(progress);
                }
            }
        }
        finally
        {
            Run(ct => enumerator.DisposeAsync().AsTask());
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        WriteVerbose(Invariant($"Read {count:N0} contacts through the scan cursor."));
    }

    private void Emit(ExternalContact contact)
    {
        if (Raw) WriteObject(GenesysJson.Serialize(contact));
        else WriteObject(new GenesysExternalContact(contact));
    }

    private void WriteNotFound(string message, string target)
        => WriteError(new ErrorRecord(new ItemNotFoundException(message), "ExternalContactNotFound", ErrorCategory.ObjectNotFound, target));
}
