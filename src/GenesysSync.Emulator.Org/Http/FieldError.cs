using System.Collections.Generic;

namespace GenesysSync.Emulator.Http;

/// <summary>One rejected field: its JSON path (e.g. "address.city"), a code and a message that names the field but never echoes its value.</summary>
internal sealed class FieldError
{
    public FieldError(string field, string code, string messageWithParams, IDictionary<string, string>? extraParams = null)
    {
        Field = field;
        Code = code;
        MessageWithParams = messageWithParams;
        Params = new Dictionary<string, string> { ["field"] = field };
        if (extraParams != null)
        {
            foreach (var pair in extraParams) Params[pair.Key] = pair.Value;
        }
    }

    public string Field { get; }
    public string Code { get; }
    public string MessageWithParams { get; }
    public Dictionary<string, string> Params { get; }

    /// <summary>The message with its {placeholders} filled in.</summary>
    public string Message
    {
        get
        {
            var text = MessageWithParams;
            foreach (var pair in Params) text = text.Replace("{" + pair.Key + "}", pair.Value);
            return text;
        }
    }

    public static FieldError TooLong(string field, int max)
        => new(field, "invalid.value", "Value for field [{field}] is too long: at most {max} characters are allowed",
            new Dictionary<string, string> { ["max"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static FieldError TooMany(string field, int max)
        => new(field, "invalid.value", "Field [{field}] holds too many items: at most {max} are allowed",
            new Dictionary<string, string> { ["max"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static FieldError WrongType(string field, string expected)
        => new(field, "invalid.value", "Value for field [{field}] is not valid: expected {expected}",
            new Dictionary<string, string> { ["expected"] = expected });

    public static FieldError Invalid(string field, string reason)
        => new(field, "invalid.value", "Value for field [{field}] is not valid: {reason}",
            new Dictionary<string, string> { ["reason"] = reason });

    public static FieldError Required(string field)
        => new(field, "invalid.value", "Field [{field}] is required");

    public static FieldError UnknownProperty(string field, string objectName)
        => new(field, "invalid.property", "Value [{field}] is not a valid property for object [{object}]",
            new Dictionary<string, string> { ["object"] = objectName });
}
