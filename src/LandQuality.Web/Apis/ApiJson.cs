using System.Text.Encodings.Web;
using System.Text.Json;

namespace LandQuality.Web.Apis;

/// <summary>The API's JSON: snake_case names as the CLI's <c>--json</c> writes them, Vietnamese text unescaped.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
