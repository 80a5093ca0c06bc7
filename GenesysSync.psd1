@{
    RootModule           = 'GenesysSync.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3f5e-8a3c-4b8e-9a51-2f6f0e7c9d11'
    Author               = 'GenesysSync'
    CompanyName          = 'GenesysSync'
    Copyright            = '(c) GenesysSync. All rights reserved.'
    Description          = 'Keeps Genesys Cloud External Contacts and outbound contact lists in step with a system of record.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('GenesysSync.format.ps1xml', 'GenesysSync.Outbound.format.ps1xml', 'GenesysSync.Unattended.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-GenesysCloud'
        'Disconnect-GenesysCloud'
        'Get-GenesysContext'
        'Get-GenesysExternalContact'
        'Get-GenesysExternalSource'
        'New-GenesysExternalContact'
        'New-GenesysExternalSource'
        'Set-GenesysExternalContact'
        'Get-GenesysSyncRun'
        'Remove-GenesysExternalContact'
        'Sync-GenesysExternalContact'
        'Add-GenesysContactListContact'
        'Clear-GenesysContactList'
        'Export-GenesysContactList'
        'Get-GenesysContactList'
        'Import-GenesysContactList'
        'New-GenesysContactList'
        'Remove-GenesysContactList'
        'Set-GenesysContactList'
        'Test-GenesysConnection'
        'Get-GenesysDncList'
        'New-GenesysDncList'
        'Remove-GenesysDncList'
        'Add-GenesysDncListEntry'
        'Remove-GenesysDncListEntry'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FileList             = @('GenesysSync.dll', 'GenesysSync.format.ps1xml', 'GenesysSync.Outbound.format.ps1xml', 'GenesysSync.Unattended.format.ps1xml', 'en-US/GenesysSync.dll-Help.xml')
    PrivateData          = @{
        PSData = @{
            Tags       = @('Genesys', 'GenesysCloud', 'ExternalContacts', 'Outbound', 'Sync', 'PSEdition_Core', 'PSEdition_Desktop')
            ProjectUri = 'https://github.com/genesyssync/genesyssync'
        }
    }
}
