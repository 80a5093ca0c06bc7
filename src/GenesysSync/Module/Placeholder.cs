namespace GenesysSync;

internal static class Placeholder { }
