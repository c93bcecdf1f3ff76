using System.Text.Encodings.Web;
using System.Text.Json;

namespace LandQuality.Web.Apis;

/// <summary>The API's JSON: snake_case names as the CLI's <c>--json</c> writes them, Vietnamese text unescaped.</summary>
public static class ApiJson
{
    /// <summary>Options configured so, for a result written outside the API's own serializer (an export).</summary>
    public static JsonSerializerOptions Options { get; } = Configured();

    static JsonSerializerOptions Configured()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        return options;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // A rule's condition names its kind ("kind": "field"); a client need not write it first.
        options.AllowOutOfOrderMetadataProperties = true;
    }
}
