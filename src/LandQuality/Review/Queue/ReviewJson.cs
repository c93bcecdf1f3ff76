using System.Text.Encodings.Web;
using System.Text.Json;

namespace LandQuality.Review.Queue;

/// <summary>
/// How review data is written as JSON for people and scripts (<c>lq review …</c>, <c>lq cases show --json</c>):
/// snake_case names, which automated checks rely on, and Vietnamese names readable instead of \uXXXX escapes.
/// </summary>
public static class ReviewJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
