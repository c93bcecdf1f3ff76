using System.Text.Json;
using System.Text.Json.Serialization;

namespace LandQuality.Review.Definitions;

/// <summary>
/// Reads a <see cref="Target"/> written as <c>"stage"</c> or as <c>[{ "when": "guard", "to": "stage" }, …]</c>.
/// Problems are thrown as <see cref="JsonException"/>, which the serializer completes with the path and line.
/// </summary>
sealed class TargetJsonConverter : JsonConverter<Target>
{
    public override Target Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new Target([new Route(null, reader.GetString()!)]);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("expected a stage id or a list of { \"when\": guard, \"to\": stage }");
        var routes = new List<Route>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            routes.Add(ReadRoute(ref reader));
        return new Target(routes) { IsList = true };
    }

    static Route ReadRoute(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected { \"when\": guard, \"to\": stage }");
        string? when = null, to = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "when", StringComparison.OrdinalIgnoreCase))
                when = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("\"when\" must be a guard name");
            else if (string.Equals(name, "to", StringComparison.OrdinalIgnoreCase))
                to = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("\"to\" must be a stage id");
            else
                throw new JsonException($"unknown property \"{name}\" in a route (expected \"when\" and \"to\")");
        }
        // A missing "to" is left empty for the validator, which names the route.
        return new Route(when, to ?? "");
    }

    public override void Write(Utf8JsonWriter writer, Target value, JsonSerializerOptions options)
    {
        if (!value.IsList && value.Routes is [{ When: null } only])
        {
            writer.WriteStringValue(only.To);
            return;
        }
        writer.WriteStartArray();
        foreach (var route in value.Routes)
        {
            writer.WriteStartObject();
            if (route.When is not null)
                writer.WriteString("when", route.When);
            writer.WriteString("to", route.To);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
