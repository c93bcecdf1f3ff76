using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RulesEngine.Models;

namespace LandQuality.Rules.Loading;

/// <summary>
/// Reads a rule-set file in Microsoft RulesEngine's workflow format into RulesEngine's own model.
/// Accepts whatever RulesEngine users write: one workflow or an array of them; keys in any letter
/// case (Newtonsoft-style, although RulesEngine's own string constructor uses case-sensitive
/// System.Text.Json); <c>RuleExpressionType</c> as a name in any case or as a number; unknown and
/// legacy keys such as <c>ErrorType</c> ignored; comments, trailing commas and a UTF-8 BOM allowed.
/// </summary>
public static class RuleSetFile
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Workflow.RuleExpressionType has no converter attribute (Rule's has one); this covers both.
        Converters = { new JsonStringEnumConverter() },
    };

    public static Workflow[] Read(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses file text; throws <see cref="JsonException"/> with the line and position of a syntax or type error.</summary>
    public static Workflow[] Parse(string json)
    {
        // File.ReadAllText drops a BOM; text from elsewhere (a database, a web upload) may still hold one.
        json = json.TrimStart('\uFEFF');
        // Deserialize from the text itself (not a parsed document) so errors keep their line numbers.
        return FirstToken(json) switch
        {
            JsonTokenType.StartArray => JsonSerializer.Deserialize<Workflow[]>(json, Options) ?? [],
            JsonTokenType.StartObject => [JsonSerializer.Deserialize<Workflow>(json, Options)!],
            var token => throw new JsonException($"A rule set is a workflow object or an array of them, not {token}."),
        };
    }

    static JsonTokenType FirstToken(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return reader.Read() ? reader.TokenType : JsonTokenType.None;
    }
}
