namespace GenesysSync.Emulator;

internal static class Placeholder { }
