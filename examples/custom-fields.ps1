# GenesysSync custom fields: CRM columns with no standard contact field (account tier, seats, VIP, interests,
# renewal date) synced into the custom fields of a schema, against the sandbox org (an in-memory Genesys Cloud).
#   dotnet run --project tools/GenesysSync.Host -- -File examples/custom-fields.ps1
# With pwsh:  Import-Module ./out/GenesysSync; ./examples/custom-fields.ps1
# The CSV is messy on purpose: enum values in any case, "1,200", yes/No/1/TRUE/n, three date layouts, "golf; wine"
# tags, and one bad row (Platinum is not an account tier).
$csv = "$PSScriptRoot/contacts-custom.csv"
$source = 'Demo CRM'
$null = Connect-GenesysCloud -Sandbox

function Show-Counts($label, $results) {
    $failed = @($results | Where-Object Action -eq 'Failed')
    '{0}: {1} created, {2} updated, {3} unchanged, {4} failed{5}' -f $label,
        @($results | Where-Object Action -eq 'Created').Count, @($results | Where-Object Action -eq 'Updated').Count,
        @($results | Where-Object Action -eq 'Unchanged').Count, $failed.Count,
        (($failed | ForEach-Object { " (row $($_.RowNumber): $($_.ErrorCode))" }) -join '')
}

"== 1. A schema: the custom fields contacts may carry (each key is <name>_<type>) =="
$schema = New-GenesysExternalContactSchema -Name 'CRM fields' -Field @{
    accountTier = @{ Type = 'Enum'; Values = 'Gold', 'Silver', 'Bronze'; Title = 'Account tier' }
    seats       = @{ Type = 'Integer'; Minimum = 0 }
    vip         = 'Checkbox'
    interests   = 'Tag'
    renewalDate = 'Date'
}
$schema.Fields | Out-Host

"== 2. Sync with -Schema: columns named like a field (AccountTier, Seats, VIP...) fill it, converted to its type =="
$first = Sync-GenesysExternalContact -Path $csv -Key CrmId -ExternalSource $source -Schema 'CRM fields'
$first | Out-Host
Show-Counts 'First run' $first

"`n== 3. The same file again: unchanged custom values cost no request =="
$again = Sync-GenesysExternalContact -Path $csv -Key CrmId -ExternalSource $source -Schema 'CRM fields' -InformationVariable info
Show-Counts 'Second run' $again
'Requests sent: {0}' -f ($info | Where-Object Tags -contains 'GenesysSyncSummary').MessageData.Requests

"`n== 4. Grace buys more seats (12 -> 15): only her contact is written, and the result says which field changed =="
$changed = [IO.Path]::Combine([IO.Path]::GetTempPath(), "contacts-custom-$PID.csv")
[IO.File]::WriteAllText($changed, [IO.File]::ReadAllText($csv).Replace('SILVER,12,No', 'SILVER,15,No'))
try {
    $third = Sync-GenesysExternalContact -Path $changed -Key CrmId -ExternalSource $source -Schema 'CRM fields'
} finally { [IO.File]::Delete($changed) }
$third | Where-Object Action -eq 'Updated' | Out-Host
Show-Counts 'Third run' $third

"`n== 5. One contact's custom fields (the table view leaves them out; .CustomFields or Format-List shows them) =="
$ada = Get-GenesysExternalContact -ExternalId C-2001 -ExternalSource $source
'{0}: schema version {1}' -f $ada, $ada.SchemaVersion
$ada.CustomFields | Out-Host

"== 6. Add a field with Set-GenesysExternalContactSchema (a new version), then fill it on one contact =="
$schema = Set-GenesysExternalContactSchema -Name 'CRM fields' -AddField @{ territory = @{ Type = 'Enum'; Values = 'North', 'South' } }
$schema | Out-Host
$ada = $ada | Set-GenesysExternalContact -Schema 'CRM fields' -CustomField @{ territory = 'north' }
'{0}: schema version {1}, territory_enum = {2}, accountTier_enum = {3}' -f $ada, $ada.SchemaVersion, $ada.CustomFields['territory_enum'], $ada.CustomFields['accountTier_enum']

"`n== 7. Remove a field: its values become unreachable once a contact is written with the new version =="
$schema = Set-GenesysExternalContactSchema -Name 'CRM fields' -RemoveField vip -Confirm:$false
$schema | Out-Host
'Fields now: {0}' -f ($schema.FieldNames -join ', ')

"`n== 8. The next sync reads version 3: the VIP column has no field any more (a warning says so) =="
$fourth = Sync-GenesysExternalContact -Path $csv -Key CrmId -ExternalSource $source -Schema 'CRM fields'
Show-Counts 'Fourth run' $fourth
# Grace's seats go back to 12, so her contact is written with version 3 and loses vip_checkbox; the unchanged
# contacts are not written and keep the version (and the vip value) they had.
foreach ($id in 'C-2002', 'C-2001') {
    $c = Get-GenesysExternalContact -ExternalId $id -ExternalSource $source
    '{0}: schema version {1}, fields: {2}' -f $c, $c.SchemaVersion, ($c.CustomFields.Keys -join ', ')
}
