using System.Text.Json;
using System.Text.Json.Serialization;

namespace LandQuality.Review.Definitions;

/// <summary>
/// Reads an enum written in snake_case in any letter case ("human", "Human") and, for anything else,
/// says which words would do; the serializer's own message names only the CLR type.
/// </summary>
sealed class NamedEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    static readonly Dictionary<string, T> ByName = Enum.GetValues<T>()
        .ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && ByName.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"must be one of: {string.Join(", ", ByName.Keys)}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));
}
