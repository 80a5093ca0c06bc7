using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GenesysSync.Api;
using GenesysSync.Commands.Surface;
using GenesysSync.Http;

namespace GenesysSync.Commands.Journey;

/// <summary>Base of Add- and Remove-GenesysExternalContactSegment: one request of at most 10 segments per contact.</summary>
public abstract class SegmentChangeCmdlet : SurfaceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ContactId { get; set; } = "";

    /// <summary>Journey segment ids (at most 10 per request).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateCount(1, ContactIdentityApi.MaxSegmentsPerUpdate)]
    [ValidateNotNullOrEmpty]
    public string[] SegmentId { get; set; } = Array.Empty<string>();

    protected void Change(bool assign)
    {
        var segments = SegmentId.Distinct(StringComparer.Ordinal).ToList();
        if (!ShouldProcess("contact " + ContactId, (assign ? "Assign segment(s) " : "Unassign segment(s) ") + string.Join(", ", segments))) return;
        try
        {
            var response = Run(ct => ActiveConnection.ContactIdentity.UpdateSegmentsAsync(ContactId, assign ? segments : new List<string>(), assign ? new List<string>() : segments, ct));
            var unprocessed = response.UnprocessedItems;
            var left = (assign ? unprocessed?.Assign : unprocessed?.Unassign)?.Segments.Select(s => s.Id).ToList() ?? new List<string?>();
            foreach (var segment in left)
            {
                WriteError(new ErrorRecord(new InvalidOperationException($"Genesys did not process segment '{segment}' for contact '{ContactId}'; run the command again for it."),
                    "SegmentNotProcessed", ErrorCategory.ResourceBusy, segment));
            }
            if (assign)
            {
                foreach (var assignment in Run(ct => ActiveConnection.ContactIdentity.GetSegmentsAsync(ContactId, false, 500, ct)).Where(a => segments.Contains(a.Segment?.Id ?? "")))
                    WriteObject(new GenesysExternalContactSegment(assignment, ContactId));
            }
        }
        catch (GenesysNotFoundException)
        {
            WriteNotFound($"No external contact has the id '{ContactId}'.", "ExternalContactNotFound", ContactId);
        }
        catch (GenesysApiException ex)
        {
            WriteItemError(ex, assign ? "ExternalContactSegmentAssignFailed" : "ExternalContactSegmentUnassignFailed", ContactId);
        }
    }
}
