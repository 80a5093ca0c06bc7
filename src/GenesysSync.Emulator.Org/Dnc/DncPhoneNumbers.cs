using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysSync.Emulator.Http;

namespace GenesysSync.Emulator.Dnc;

/// <summary>
/// Reads the phone numbers of a DNC request. Each must be a phone number of 7 to 15 digits (an optional leading "+",
/// spaces, dots, dashes and parentheses allowed); it is stored as "+digits" when it had a plus, else as digits. One bad
/// number refuses the whole request (400 naming its index, never its value).
/// </summary>
internal static class DncPhoneNumbers
{
    public static List<string> Read(JsonArray? array, string field, int maxPerRequest)
    {
        if (array == null) throw Errors.ValidationFailed(FieldError.Required(field));
        if (array.Count > maxPerRequest) throw Errors.ValidationFailed(FieldError.TooMany(field, maxPerRequest));
        var numbers = new List<string>(array.Count);
        var errors = new List<FieldError>();
        for (var i = 0; i < array.Count; i++)
        {
            var name = field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && TryCanonical(v.GetValue<string>(), out var number)) numbers.Add(number);
            else errors.Add(FieldError.Invalid(name, "expected a phone number of 7 to 15 digits, preferably E.164"));
        }
        if (errors.Count > 0) throw Errors.ValidationFailed(errors);
        return numbers;
    }

    public static bool TryCanonical(string text, out string number)
    {
        number = "";
        var trimmed = text.Trim();
        var digits = new StringBuilder(16);
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c >= '0' && c <= '9') digits.Append(c);
            else if (c == '+' && i == 0) continue;
            else if (c is ' ' or '-' or '.' or '(' or ')') continue;
            else return false;
        }
        if (digits.Length < 7 || digits.Length > 15) return false;
        number = (trimmed.StartsWith("+", StringComparison.Ordinal) ? "+" : "") + digits;
        return true;
    }
}
