<#
.SYNOPSIS
    Nightly sync of a CRM export into Genesys Cloud External Contacts, for Windows Task Scheduler, cron or systemd.

.DESCRIPTION
    Connects without a person (a SecretManagement vault when one is installed, else the GENESYSCLOUD_*
    environment variables; never a secret in this file), syncs the export, and leaves in -DataDirectory:
      state.db          the delta state: unchanged rows cost no requests on the next run; also the run history
                        (Get-GenesysSyncRun -StatePath <DataDirectory>/state.db)
      sync.log.jsonl    one JSON line per failed or skipped row and per run (row numbers and hashed keys,
                        no contact data); an "abort" line when the run could not happen
      failed-rows.csv   only when rows failed: those rows with their columns plus SyncErrorCode/SyncError.
                        Fix them, save the file under another name and run this script with -Path on it.
    Progress and confirmation prompts are suppressed automatically when no one is watching.

    Exit codes (what the scheduler sees):
      0  every row synced (or was unchanged / skipped on purpose)
      1  the run finished but needs attention: rows failed (see failed-rows.csv), or Mirror deletions were withheld
      2  the run did not happen or stopped: configuration, credentials, permissions, network, input file, or
         another run still holding the state after -LockTimeout seconds

    See docs/running-on-a-schedule.md for Task Scheduler, cron and systemd set-ups.

.EXAMPLE
    pwsh -NoProfile -NonInteractive -File ./scheduled-sync.ps1 -Path D:\exports\contacts.csv -Key CrmId -ExternalSource Salesforce
#>
[CmdletBinding()]
param(
    # The CRM export (CSV).
    [Parameter(Mandatory = $true)]
    [string] $Path,

    # The column that holds the CRM record id (the match key).
    [string] $Key = 'Id',

    # The External Source that owns the CRM ids in Genesys Cloud.
    [string] $ExternalSource = 'CRM',

    [ValidateSet('Insert', 'Update', 'Upsert', 'Mirror')]
    [string] $Mode = 'Upsert',

    # Region of numbers written without a country code.
    [string] $DefaultRegion = 'US',

    # Where the state, the log and the failed rows go (default: a "GenesysSync-data" folder next to this script).
    [string] $DataDirectory,

    # Seconds to wait for an overlapping run on the same state before giving up (exit 2).
    [int] $LockTimeout = 600,

    # Genesys Cloud region (default: GENESYSCLOUD_REGION).
    [string] $Region,

    # SecretManagement secret holding a PSCredential (user name = OAuth client id, password = client secret),
    # or only the secret (the client id then comes from GENESYSCLOUD_OAUTHCLIENT_ID).
    [string] $SecretName = 'GenesysSync',

    # The SecretManagement vault to read (default: the default vault).
    [string] $Vault,

    # Another API endpoint (a proxy, or the emulator in tests); login goes to the same origin.
    [uri] $ApiBaseUri
)

$ErrorActionPreference = 'Stop'
if (-not $DataDirectory) { $DataDirectory = [System.IO.Path]::Combine($PSScriptRoot, 'GenesysSync-data') }
$null = [System.IO.Directory]::CreateDirectory($DataDirectory)
$statePath = [System.IO.Path]::Combine($DataDirectory, 'state.db')
$logPath = [System.IO.Path]::Combine($DataDirectory, 'sync.log.jsonl')
$failedPath = [System.IO.Path]::Combine($DataDirectory, 'failed-rows.csv')

function Write-AbortLog([System.Management.Automation.ErrorRecord] $record) {
    # The run never got to write its own log line: record why (no contact data is in these messages).
    $text = $record.Exception.Message
    if ($record.ErrorDetails -and $record.ErrorDetails.Message) { $text = $record.ErrorDetails.Message }
    $escape = { param($s) ([string]$s).Replace('\', '\\').Replace('"', '\"').Replace("`r", '\r').Replace("`n", '\n').Replace("`t", '\t') }
    $line = '{{"type":"abort","time":"{0}","errorId":"{1}","message":"{2}"}}' -f [DateTime]::UtcNow.ToString('o'), (& $escape $record.FullyQualifiedErrorId), (& $escape $text)
    [System.IO.File]::AppendAllText($logPath, $line + [Environment]::NewLine)
    [Console]::Error.WriteLine('GenesysSync: the run did not complete: ' + $text)
}

try {
    if ([System.IO.Path]::GetFullPath($Path) -eq [System.IO.Path]::GetFullPath($failedPath)) {
        throw "Copy $failedPath to another name before fixing and re-running it: this run writes its own failed rows there."
    }

    # --- 1. Credentials: a vault when SecretManagement is installed and holds the secret, else environment variables.
    $connect = @{}
    if ($Region) { $connect.Region = $Region }
    if ($ApiBaseUri) { $connect.ApiBaseUri = $ApiBaseUri }
    $secret = $null
    if (Get-Command -Name Get-Secret -ErrorAction SilentlyContinue) {
        $vaultArg = @{}
        if ($Vault) { $vaultArg.Vault = $Vault }
        $secret = Get-Secret -Name $SecretName @vaultArg -ErrorAction SilentlyContinue
    }
    if ($secret -is [System.Management.Automation.PSCredential]) {
        $connect.Credential = $secret
    }
    elseif ($secret -is [System.Security.SecureString]) {
        if (-not $env:GENESYSCLOUD_OAUTHCLIENT_ID) { throw "The secret '$SecretName' holds only the client secret: set GENESYSCLOUD_OAUTHCLIENT_ID to the client id." }
        $connect.ClientId = $env:GENESYSCLOUD_OAUTHCLIENT_ID
        $connect.ClientSecret = $secret
    }
    # else: Connect-GenesysCloud reads GENESYSCLOUD_REGION, GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET.
    $null = Connect-GenesysCloud @connect

    # --- 2. The sync. Results are not kept (a large export would fill memory); the totals come from the summary.
    $sync = @{
        Path           = $Path
        Key            = $Key
        ExternalSource = $ExternalSource
        Mode           = $Mode
        DefaultRegion  = $DefaultRegion
        StatePath      = $statePath
        LogPath        = $logPath
        FailedPath     = $failedPath
        LockTimeout    = $LockTimeout
    }
    $null = Sync-GenesysExternalContact @sync -InformationVariable info
    $summary = @($info | Where-Object { $_.Tags -contains 'GenesysSyncSummary' } | ForEach-Object { $_.MessageData })[-1]
}
catch {
    Write-AbortLog $_
    exit 2
}

# --- 3. The exit code tells the scheduler how it went; the summary line lands in its output (cron mail, journal).
"GenesysSync: $summary"
if ($summary.Failed -eq 0 -and [System.IO.File]::Exists($failedPath)) { [System.IO.File]::Delete($failedPath) }
if ($summary.Failed -gt 0) {
    [Console]::Error.WriteLine("GenesysSync: $($summary.Failed) row(s) failed; they are in $failedPath.")
    exit 1
}
if ($summary.DeletesWithheld -gt 0) {
    [Console]::Error.WriteLine("GenesysSync: $($summary.DeletesWithheld) deletion(s) were withheld (above -DeleteThreshold); see $logPath.")
    exit 1
}
exit 0
