# GenesysSync quick start: a real sync against the sandbox org (an in-memory Genesys Cloud).
#   dotnet run --project tools/GenesysSync.Host -- -File examples/quickstart.ps1
# With pwsh:  Import-Module ./out/GenesysSync; ./examples/quickstart.ps1
$csv = "$PSScriptRoot/contacts.csv"

Connect-GenesysCloud -Sandbox | Out-Host

"== 1. First sync of examples/contacts.csv: one result per row; bad rows say why =="
Sync-GenesysExternalContact -Path $csv -Key CrmId -ExternalSource 'Demo CRM' -DefaultRegion US | Out-Host

"== 2. The same file again: unchanged rows cost no requests =="
$again = Sync-GenesysExternalContact -Path $csv -Key CrmId -ExternalSource 'Demo CRM' -DefaultRegion US
'{0} rows: {1} unchanged, {2} written' -f @($again).Count, @($again | Where-Object Action -eq 'Unchanged').Count, @($again | Where-Object { $_.Action -in 'Created', 'Updated' }).Count

"`n== 3. Troubleshooting one contact: find it by phone, in any format =="
Get-GenesysExternalContact -Phone '(415) 555-2671' | Out-Host

"== 4. Everything in the sandbox org now =="
Get-GenesysExternalContact -All | Out-Host
