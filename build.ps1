#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests or packages GenesysSync. A thin wrapper over the dotnet CLI: nothing here is
    needed to build, since `dotnet build` alone lays out the module at out/GenesysSync.
.EXAMPLE
    ./build.ps1                 # build (Debug) and import-ready module at ./out/GenesysSync
.EXAMPLE
    ./build.ps1 -Task Test      # run the test suite
.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release   # zip the module folder
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

switch ($Task) {
    'Build'   { Invoke-Dotnet build src/GenesysSync -c $Configuration }
    'Test'    { Invoke-Dotnet test -c $Configuration }
    'Clean'   { Invoke-Dotnet clean; Remove-Item -Recurse -Force out, artifacts -ErrorAction SilentlyContinue }
    'Package' {
        Invoke-Dotnet build src/GenesysSync -c $Configuration
        $version = (Import-PowerShellDataFile ./GenesysSync.psd1).ModuleVersion
        $zip = Join-Path $PSScriptRoot "artifacts/GenesysSync-$version.zip"
        New-Item -ItemType Directory -Force (Split-Path $zip) | Out-Null
        Compress-Archive -Path ./out/GenesysSync -DestinationPath $zip -Force
        Write-Host "Packaged $zip"
    }
}
